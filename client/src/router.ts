import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';

// Every page is its own chunk: the big screen must not download the operator or admin code.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/home-page.vue') },
  { path: '/board/p/:programmeId', name: 'programme-board', component: () => import('./pages/programme-page.vue'), props: true },
  { path: '/live/p/:programmeId', name: 'programme-live', component: () => import('./pages/programme-page.vue'), props: (r) => ({ programmeId: r.params.programmeId, audience: true }) },
  { path: '/board/:eventId', name: 'board', component: () => import('./pages/board-page.vue'), props: true },
  { path: '/live/:eventId', name: 'live', component: () => import('./live/live-page.vue'), props: true },
  { path: '/overlay/:eventId', name: 'overlay', component: () => import('./pages/overlay-page.vue'), props: true },
  { path: '/join/:token', name: 'join', component: () => import('./pages/join-page.vue'), props: true },
  { path: '/operator', name: 'operator', component: () => import('./pages/operator-page.vue') },
  // The buyer's phone: a light page with nothing but the deal its code names.
  { path: '/confirm/:code', name: 'confirm', component: () => import('./confirm/confirm-page.vue'), props: true },
  { path: '/admin', name: 'admin', component: () => import('./pages/admin-page.vue') },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/not-found-page.vue') },
];

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({ history, routes });
}
