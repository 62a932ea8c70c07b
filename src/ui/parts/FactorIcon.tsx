import type { ComponentProps, ReactNode } from 'react';

/** Props of {@link FactorIcon}. */
export interface FactorIconProps extends ComponentProps<'svg'> {
  /** A factor id; unknown ids get a generic shield. */
  factorId: string;
}

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.75, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const paths: Record<string, ReactNode> = {
  // a key
  emailpassword: (
    <g {...stroke}>
      <circle cx="8" cy="15" r="4" />
      <path d="M10.8 12.2 20 3M16 7l3 3M14 9l2 2" />
    </g>
  ),
  // an envelope
  'otp-email': (
    <g {...stroke}>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </g>
  ),
  'link-email': (
    <g {...stroke}>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </g>
  ),
  // a phone with a message
  'otp-phone': (
    <g {...stroke}>
      <rect x="6" y="2" width="12" height="20" rx="2" />
      <path d="M9 8h6M9 11h4M11 18h2" />
    </g>
  ),
  'link-phone': (
    <g {...stroke}>
      <rect x="6" y="2" width="12" height="20" rx="2" />
      <path d="M11 18h2" />
    </g>
  ),
  // a clock: a time-based code
  totp: (
    <g {...stroke}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </g>
  ),
  // a fingerprint-like passkey mark
  webauthn: (
    <g {...stroke}>
      <path d="M12 11v3M8.5 8.5a5 5 0 0 1 8.5 3.5v1M7 12c0 3 .8 5.5 2.5 7.5M12 16c0 2-.5 3.5-1.5 5M17 16c0 1.5-.3 3-.8 4.2M5 9a8 8 0 0 1 14 0" />
    </g>
  ),
};

const fallback = (
  <g {...stroke}>
    <path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6z" />
    <path d="m9 12 2 2 4-4" />
  </g>
);

/** An inline SVG icon for a factor (`data-fk="factor-icon"`). Decorative: `aria-hidden`; the option's text names it. */
export function FactorIcon({ factorId, ...props }: FactorIconProps) {
  return (
    <svg data-fk="factor-icon" data-factor={factorId} viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" {...props}>
      {paths[factorId] ?? fallback}
    </svg>
  );
}
