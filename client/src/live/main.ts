import { createApp } from 'vue';
import { createPinia } from 'pinia';
import type { BoardSnapshot } from '@dealboard/shared';
import '@fontsource-variable/inter/wght.css';
import '../styles/base.css';
import { createAppI18n } from '../i18n';
import LivePage from './live-page.vue';

// The audience's phone view has a page of its own (live.html, which the server serves for
// /live/:eventId): no router, no other page's code, no service worker (it would precache
// the whole app on every phone in the hall), every script it needs named in the page so all
// download at once, and the event's board snapshot in the page itself, so the first frame
// shows the total without waiting for a request or the socket.
const eventId = decodeURIComponent(location.pathname.split('/')[2] ?? '');

function embeddedSnapshot(): BoardSnapshot | undefined {
  try {
    const text = document.getElementById('board-snapshot')?.textContent;
    return text ? (JSON.parse(text) as BoardSnapshot) : undefined;
  } catch {
    return undefined;
  }
}

createApp(LivePage, { eventId, first: embeddedSnapshot() }).use(createPinia()).use(createAppI18n()).mount('#app');
