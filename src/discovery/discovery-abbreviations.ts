/**
 * Abbreviated keys in discovery configs, expanded as Home Assistant does before anything else: at the top,
 * in each availability item, in the device and origin blocks, and in each component of a device-based
 * config. No abbreviation ever meant two keys, so one table serves every version. (These are the keys the
 * shared notes list, which cover what Zigbee2MQTT, ESPHome, Tasmota, Shelly and OpenMQTTGateway publish;
 * an unknown short key stays as it is and is ignored like any unknown key.)
 */

const pairs = (text: string): Record<string, string> => Object.fromEntries(text.trim().split(/\s+/).map((pair) => pair.split('=') as [string, string]));

export const ENTITY_ABBREVIATIONS = pairs(`
  avty=availability avty_t=availability_topic avty_tpl=availability_template avty_mode=availability_mode
  pl_avail=payload_available pl_not_avail=payload_not_available stat_t=state_topic cmd_t=command_topic
  val_tpl=value_template cmd_tpl=command_template stat_val_tpl=state_value_template
  json_attr_t=json_attributes_topic json_attr_tpl=json_attributes_template uniq_id=unique_id obj_id=object_id
  def_ent_id=default_entity_id dev=device o=origin cmps=components p=platform dev_cla=device_class
  unit_of_meas=unit_of_measurement stat_cla=state_class sug_dsp_prc=suggested_display_precision
  exp_aft=expire_after frc_upd=force_update ent_cat=entity_category en=enabled_by_default ic=icon
  ent_pic=entity_picture e=encoding ret=retain opt=optimistic pl_on=payload_on pl_off=payload_off
  stat_on=state_on stat_off=state_off pl_prs=payload_press ops=options pl_open=payload_open
  pl_cls=payload_close pl_stop=payload_stop stat_open=state_open stat_opening=state_opening
  stat_clsd=state_closed stat_closing=state_closing stat_stopped=state_stopped pos_t=position_topic
  pos_tpl=position_template set_pos_t=set_position_topic set_pos_tpl=set_position_template
  pos_open=position_open pos_clsd=position_closed pl_lock=payload_lock pl_unlk=payload_unlock
  stat_locked=state_locked stat_unlocked=state_unlocked stat_locking=state_locking
  stat_unlocking=state_unlocking stat_jam=state_jammed bri_cmd_t=brightness_command_topic
  bri_stat_t=brightness_state_topic bri_val_tpl=brightness_value_template bri_scl=brightness_scale
  pct_cmd_t=percentage_command_topic pct_stat_t=percentage_state_topic pct_val_tpl=percentage_value_template
  curr_temp_t=current_temperature_topic curr_temp_tpl=current_temperature_template
  temp_cmd_t=temperature_command_topic temp_stat_t=temperature_state_topic
  temp_stat_tpl=temperature_state_template mode_cmd_t=mode_command_topic mode_stat_t=mode_state_topic
  mode_stat_tpl=mode_state_template off_dly=off_delay evt_typ=event_types pl_rst=payload_reset
`);

export const AVAILABILITY_ABBREVIATIONS = pairs(`t=topic pl_avail=payload_available pl_not_avail=payload_not_available val_tpl=value_template`);

export const DEVICE_ABBREVIATIONS = pairs(`
  ids=identifiers cns=connections mf=manufacturer mdl=model mdl_id=model_id hw=hw_version sw=sw_version
  sn=serial_number sa=suggested_area cu=configuration_url
`);

export const ORIGIN_ABBREVIATIONS = pairs(`sw=sw_version url=support_url`);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A block's keys expanded; a full key given too wins over its abbreviation (it is the newer spelling). */
function expand(block: Json, table: Record<string, string>): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(block)) {
    const full = Object.hasOwn(table, key) ? (table[key] as string) : key;
    if (full !== key && Object.hasOwn(block, full)) continue;
    result[full] = value;
  }
  return result;
}

/** A config (or a device-based config's component) with every abbreviation expanded, nested blocks too. */
export function expandConfig(config: Json): Json {
  const result = expand(config, ENTITY_ABBREVIATIONS);
  if (Array.isArray(result['availability'])) result['availability'] = result['availability'].map((item: unknown) => (isRecord(item) ? expand(item, AVAILABILITY_ABBREVIATIONS) : item));
  if (isRecord(result['device'])) result['device'] = expand(result['device'], DEVICE_ABBREVIATIONS);
  if (isRecord(result['origin'])) result['origin'] = expand(result['origin'], ORIGIN_ABBREVIATIONS);
  if (isRecord(result['components'])) {
    result['components'] = Object.fromEntries(Object.entries(result['components']).map(([id, component]) => [id, isRecord(component) ? expandConfig(component) : component]));
  }
  return result;
}
