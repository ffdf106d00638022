import { createApp } from 'vue';
import { createPinia } from 'pinia';
import '@fontsource-variable/inter/wght.css';
import './styles/base.css';
import App from './app.vue';
import { createAppRouter } from './router';
import { createAppI18n } from './i18n';

createApp(App).use(createPinia()).use(createAppI18n()).use(createAppRouter()).mount('#app');
