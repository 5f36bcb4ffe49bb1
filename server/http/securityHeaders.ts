import helmet from 'helmet';

/**
 * Helmet's security headers, fitted to a hub on an office network: the pages load only the hub's own
 * scripts, styles, fonts and media (QR codes are data: images); no upgrade to HTTPS is forced and no
 * HSTS is sent, because many offices reach the hub over plain HTTP on their LAN (a TLS proxy in front
 * adds HSTS itself).
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'upgrade-insecure-requests': null,
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'data:', 'blob:'],
    },
  },
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
});
