import { html } from 'lit';

/** A labelled QoS choice (0, 1, 2; 1 by default), read from the form as `qos`. Shared by the forms. */
export const qosField = () =>
  html`<label
    >QoS
    <select name="qos">
      <option value="0">0</option>
      <option value="1" selected>1</option>
      <option value="2">2</option>
    </select></label
  >`;
