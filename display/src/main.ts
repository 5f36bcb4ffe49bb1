import { createApp } from 'vue';
import '../../ui/theme.css';
import './display.css';
import { pairedDevice, restartWhenUnpaired } from '../../ui/pairing/devicePairing.ts';
import { connectHub } from '../../ui/socket.ts';
import App from './App.vue';
import { createBrowserSound } from './announcer/browserSound.ts';
import { i18n } from './i18n/index.ts';
import { createDisplayStore } from './stores/display.ts';
import { displayKey, soundKey } from './stores/useDisplay.ts';

// A paired display: its profile (set by the admin when pairing) says what it shows; `all` shows the whole office.
void pairedDevice('display', '#app').then(({ token, device }) => {
  const socket = connectHub(token);
  restartWhenUnpaired('display', socket);
  const sound = createBrowserSound();
  const app = createApp(App).use(i18n);
  app.runWithContext(() => {
    app.provide(displayKey, createDisplayStore({ displayId: device.profile === 'all' ? null : device.profile, socket, sound }));
    app.provide(soundKey, sound);
  });
  app.mount('#app');
});
