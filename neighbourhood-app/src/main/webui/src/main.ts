import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { loadSession } from './session';
import './prefs';
import './i18n';
import './styles.css';

// The session first (or its saved copy offline), then the screens: the router's guards choose by role.
void loadSession().finally(() => {
  createApp(App).use(router).mount('#app');
});

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // without a service worker the app still works online
    });
  });
}
