import { useId } from 'react';
import type { ReactNode } from 'react';

/** What a labelled field needs to know about itself. */
interface FieldInput {
  id: string | undefined;
  description: ReactNode;
  error: ReactNode;
  /** The app's own `aria-describedby`, kept in front of the field's. */
  describedBy: string | undefined;
}

/** Ids and flags of a labelled field: its input id, and the description and error ids linked from it. */
export function useFieldIds({ id, description, error, describedBy }: FieldInput) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const hasDescription = description !== undefined && description !== null && description !== '';
  const ariaDescribedBy = [describedBy, hasDescription ? descriptionId : undefined, hasError ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return { inputId, descriptionId, errorId, hasError, hasDescription, ariaDescribedBy };
}

/**
 * The frame of a labelled field (`data-fk="field"`): label, description, the control, error. Shared
 * by TextField and OtpInput, so both read the same to assistive technology and to stylesheets.
 */
export function FieldFrame(props: {
  ids: ReturnType<typeof useFieldIds>;
  label: ReactNode;
  description: ReactNode;
  error: ReactNode;
  disabled: boolean | undefined;
  /** Where the description goes: under the label (default) or under the control (a rule to type to). */
  descriptionPosition?: 'start' | 'end';
  children: ReactNode;
}) {
  const { ids } = props;
  return (
    <div data-fk="field" data-invalid={ids.hasError ? '' : undefined} data-disabled={props.disabled ? '' : undefined}>
      <label data-fk="field-label" htmlFor={ids.inputId}>
        {props.label}
      </label>
      {ids.hasDescription && props.descriptionPosition !== 'end' && (
        <p data-fk="field-description" id={ids.descriptionId}>
          {props.description}
        </p>
      )}
      {props.children}
      {ids.hasDescription && props.descriptionPosition === 'end' && (
        <p data-fk="field-description" data-position="end" id={ids.descriptionId}>
          {props.description}
        </p>
      )}
      {ids.hasError && (
        <p data-fk="field-error" id={ids.errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
