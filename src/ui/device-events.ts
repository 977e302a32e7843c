/**
 * Events a device card raises for the container that draws it: the container handles them without the
 * card's code (which loads after the first screen).
 */

/** The user gave a device a name (empty: back to its id). Raised by <device-card>; the container saves it. */
export class DeviceRenameEvent extends Event {
  constructor(
    readonly device: string,
    readonly name: string,
  ) {
    super('device-rename', { bubbles: true, composed: true });
  }
}

/** The user asked a Sparkplug B edge node to rebirth. Raised by <device-card>; the container sends it. */
export class RebirthRequestEvent extends Event {
  constructor(readonly node: string) {
    super('rebirth-request', { bubbles: true, composed: true });
  }
}
