import { Component, Suspense, lazy } from 'react';
import type { ComponentProps, ReactNode } from 'react';

// The encoder is needed only on the TOTP set-up step: load it then, not with every page.
const QRCodeSVG = lazy(() => import('qrcode.react').then((m) => ({ default: m.QRCodeSVG })));

/** Props of {@link QrCode}. */
export interface QrCodeProps extends ComponentProps<'div'> {
  /** What to encode, e.g. the `otpauth://` URI from `POST /totp/device`. */
  value: string;
  /** Accessible name of the image (`messages.format('totp.qrLabel')`). */
  label: string;
  /** Shown in place of the code when it cannot be encoded (`messages.format('totp.qrError')`). */
  errorText: string;
  /** Error correction level. @default 'M' */
  level?: 'L' | 'M' | 'Q' | 'H';
  /** Rendered size in CSS pixels, before `--fk-qr-size` applies. @default 192 */
  size?: number;
}

class QrBoundary extends Component<{ fallback: ReactNode; value: string; children: ReactNode }, { failedFor: string | null }> {
  override state = { failedFor: null as string | null };
  static getDerivedStateFromError() {
    return { failedFor: '\0pending' };
  }
  override componentDidCatch() {
    // Remember which value failed, so a new value gets a fresh try.
    this.setState({ failedFor: this.props.value });
  }
  override render() {
    const { failedFor } = this.state;
    if (failedFor !== null && (failedFor === '\0pending' || failedFor === this.props.value)) return this.props.fallback;
    return this.props.children;
  }
}

/**
 * A QR code (`data-fk="qr"`), black on white inside a quiet zone in every theme, since scanners
 * expect dark modules on a light ground. The SVG has `role="img"` and the given accessible name.
 * When the value cannot be encoded (empty, too long) or the encoder cannot be loaded, the error
 * text shows in its place (`data-state="error"`) instead of a blank slot. The encoder
 * (qrcode.react) is loaded on first use (`data-state="loading"` until then).
 */
export function QrCode({ value, label, errorText, level = 'M', size = 192, ...props }: QrCodeProps) {
  const fallback = (
    <div data-fk="qr" data-state="error" {...props}>
      <p data-fk="qr-error">{errorText}</p>
    </div>
  );
  if (value === '') return fallback;
  // While the encoder loads, keep the slot's size so the secret beside it does not jump.
  const loading = <div data-fk="qr" data-state="loading" aria-busy="true" style={{ inlineSize: size, blockSize: size }} {...props} />;
  return (
    <QrBoundary fallback={fallback} value={value}>
      <Suspense fallback={loading}>
        <div data-fk="qr" data-state="ready" {...props}>
          {/* A 4-module quiet zone inside the SVG itself, so it survives a host that drops our CSS. */}
          <QRCodeSVG value={value} level={level} size={size} marginSize={4} bgColor="#ffffff" fgColor="#000000" role="img" aria-label={label} />
        </div>
      </Suspense>
    </QrBoundary>
  );
}
