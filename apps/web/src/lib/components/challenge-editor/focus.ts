/**
 * Following a link to a field moves focus into it (browsers only scroll to it): to the input itself,
 * or to the first control of a group (a fieldset of radios, the indicator list).
 */
export function focusField(event: MouseEvent, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  const control = target.matches('input, select, textarea, button')
    ? target
    : target.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button');
  if (!control) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  control.focus({ preventScroll: true });
}
