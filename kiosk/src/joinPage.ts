import { createApp } from 'vue';
import '../../ui/theme.css';
import JoinPage from './components/JoinPage.vue';
import { i18n } from './i18n/index.ts';
import { pagePath } from '../../ui/office.ts';

// The citizen's phone, from the poster's QR code or the town's website: /join lists the services open to joining
// from home, /join/<code> is a place taken (/o/<office>/join… for another office). English when the phone prefers it.
if (navigator.language && !navigator.language.toLowerCase().startsWith('it')) i18n.global.locale.value = 'en';
const code = pagePath().split('/')[2] ?? null;
// `?refresh=<ms>`: how often the place's page asks again (tests; 15 s otherwise).
const refresh = Number(new URLSearchParams(location.search).get('refresh'));
const refreshMs = Number.isFinite(refresh) && refresh >= 200 ? refresh : undefined;
createApp(JoinPage, { code: code ? decodeURIComponent(code) : null, refreshMs }).use(i18n).mount('#app');
