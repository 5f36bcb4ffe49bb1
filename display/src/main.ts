import { createApp } from 'vue';
import '../../ui/theme.css';
import './display.css';
import { pageIdFromPath } from '../../ui/pageId.ts';
import { connectHub } from '../../ui/socket.ts';
import App from './App.vue';
import { createBrowserSound } from './announcer/browserSound.ts';
import { i18n } from './i18n/index.ts';
import { createDisplayStore } from './stores/display.ts';
import { displayKey, soundKey } from './stores/useDisplay.ts';

// /display/<id> names the display's profile (and its room); plain /display shows the whole office.
const displayId = pageIdFromPath();

const sound = createBrowserSound();
const app = createApp(App).use(i18n);
app.runWithContext(() => {
  app.provide(displayKey, createDisplayStore({ displayId, socket: connectHub(), sound }));
  app.provide(soundKey, sound);
});
app.mount('#app');
