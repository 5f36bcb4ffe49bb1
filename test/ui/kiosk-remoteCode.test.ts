import { expect } from 'chai';
import jsqr from 'jsqr';
import QRCode from 'qrcode';
import { remoteCodeFromQr } from '../../kiosk/src/remoteCode.ts';

// A CommonJS module typed as an ES one: under Node its `default` is the function (the page's bundler gives it directly).
const jsQR = jsqr.default;

/** A QR code drawn as the camera's frame would hold it: RGBA pixels, `scale` pixels a module, a white margin. */
function qrFrame(text: string, scale = 6, margin = 4): { data: Uint8ClampedArray; width: number; height: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const width = (n + 2 * margin) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + margin) * scale + dy) * width + (x + margin) * scale + dx) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
      }
    }
  }
  return { data, width, height: width };
}

describe('kiosk: a remote place’s code from its QR code', () => {
  it('reads the code from the phone page’s link, under an office or not, or alone', () => {
    expect(remoteCodeFromQr('https://comune.example.it/join/K7MQ3D')).to.equal('K7MQ3D');
    expect(remoteCodeFromQr('http://10.0.0.5:3000/o/vingone/join/k7mq3d?refresh=500')).to.equal('K7MQ3D');
    expect(remoteCodeFromQr(' K7MQ3D ')).to.equal('K7MQ3D');
  });

  it('refuses anything else: a ticket’s link, another site, a code with letters outside the alphabet', () => {
    expect(remoteCodeFromQr('https://comune.example.it/t/12?k=abc')).to.equal(null);
    expect(remoteCodeFromQr('https://example.org/join/K7MQ3DX')).to.equal(null);
    expect(remoteCodeFromQr('https://example.org/join/K0MQ3D')).to.equal(null);
    expect(remoteCodeFromQr('hello')).to.equal(null);
  });

  it('decodes the QR code of a place’s page from an image with jsQR, as the kiosk camera does', () => {
    const frame = qrFrame('http://127.0.0.1:3000/join/ACDE34');
    const read = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
    expect(read?.data).to.equal('http://127.0.0.1:3000/join/ACDE34');
    expect(remoteCodeFromQr(read!.data)).to.equal('ACDE34');
  });
});
