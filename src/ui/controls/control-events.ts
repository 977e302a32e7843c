/**
 * Events that open a control's editor, raised by cards and tiles; the container that draws them opens it.
 * Plain CustomEvents: the first screen raises them and pays for no class.
 */

/** What a new control is made from: a tile (its topic becomes the state topic) or a device card. */
export interface ControlMakeDetail {
  stateTopic?: string;
  device?: string;
}

/** Make a new control. */
export const controlMake = (detail: ControlMakeDetail) => new CustomEvent<ControlMakeDetail>('control-make', { detail, bubbles: true, composed: true });

/** Change or remove a control (from its card's pencil). */
export const controlEdit = (controlId: string) => new CustomEvent<string>('control-edit', { detail: controlId, bubbles: true, composed: true });

declare global {
  interface HTMLElementEventMap {
    'control-make': CustomEvent<ControlMakeDetail>;
    'control-edit': CustomEvent<string>;
  }
}
