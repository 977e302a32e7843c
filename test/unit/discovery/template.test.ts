import { describe, expect, it } from 'vitest';
import { MAX_OUTPUT, MAX_STEPS, compileTemplate, payloadVariables, renderTemplate } from '../../../src/discovery/template-eval';
import { PyFloat, floatRepr, pyRepr, readJson } from '../../../src/discovery/template-values';

/** Renders a template on a payload as a state template: the text, or the problem's kind and detail. */
function render(template: string, payload: string): string {
  const compiled = compileTemplate(template);
  if ('problem' in compiled) return `!${compiled.problem.kind}: ${compiled.problem.construct}`;
  const result = renderTemplate(compiled, payloadVariables(payload));
  return 'text' in result ? result.text : `!${result.problem.kind}: ${result.problem.detail}`;
}

describe('Home Assistant templates, the subset devices publish', () => {
  it.each([
    // Values and JSON, printed the Python way.
    ['{{ value_json.temperature }}', '{"temperature": 21.5}', '21.5'],
    ['{{ value_json.temperature }}', '{"temperature": 21.0}', '21.0'],
    ['{{ value_json["temperature"] }}', '{"temperature": 21}', '21'],
    ["{{value_json['AM2301']['Temperature']}}", '{"AM2301":{"Temperature":19.4,"Humidity":55}}', '19.4'],
    ['{{ value_json.POWER }}', '{"POWER":"ON"}', 'ON'],
    ['{{ value_json[0] }}', '[7, 8]', '7'],
    ['{{ value_json.output }}', '{"output": true}', 'True'],
    ['{{ value_json.x }}', '{"x": null}', 'None'],
    ['{{ value_json }}', '{"a": [1, 2.5, "b"], "c": false}', "{'a': [1, 2.5, 'b'], 'c': False}"],
    ['{{ value }}', '  raw text  ', 'raw text'],
    ['{{ value | int }}', '42', '42'],
    ['{{ value | int }}', '12.7', '12'],
    ['{{ value | int }}', 'abc', '0'],
    ['{{ value | float }}', '3', '3.0'],
    ['{{ value_json.pf*100 }}', '{"pf": 0.93}', '93.0'],
    ['{{ value_json.interval/1000 }}', '{"interval": 60000}', '60.0'],
    ['{{ value_json.a + value_json.b }}', '{"a": 1, "b": 2}', '3'],
    ['{{ (value_json.power | float) | round(1) }}', '{"power": 12.345}', '12.3'],
    ['{{ value_json.v | round }}', '{"v": 2.5}', '3.0'],
    ['{{ 0.00001 }}', '', '1e-05'],
    // Conditions, whitespace control, set, the ternary.
    ['{% if value_json.output %}on{% else %}off{% endif %}', '{"output": false}', 'off'],
    ['{% if value_json.power > 0.02 -%} on {% else %} off {%- endif %}', '{"power": 0.5}', 'on'],
    ['{% if value_json.power > 0.02 -%} on {% else %} off {%- endif %}', '{"power": 0}', 'off'],
    ['{% if value == "1" %}a{% elif value == "2" %}b{% else %}c{% endif %}', '2', 'b'],
    ["{% set values = {None:None,'idle':'idle','heat':'heating'} %}{{ values[value_json.action] }}", '{"action":"heat"}', 'heating'],
    ["{% set values = {None:None,'idle':'idle','heat':'heating'} %}{{ values[value_json.action] }}", '{"action":null}', 'None'],
    ["{{ {'off':0,'low':1,'medium':2,'high':3}[value_json.fan_mode] | default('None') }}", '{"fan_mode":"medium"}', '2'],
    ["{{ {'off':0,'low':1,'medium':2,'high':3}[value_json.fan_mode] | default('None') }}", '{"fan_mode":"turbo"}', 'None'],
    ["{{ 'on' if value_json.state == 'ON' else 'off' }}", '{"state":"ON"}', 'on'],
    ['{{ value_json.a is defined }}', '{"a": 1}', 'True'],
    ['{{ value_json.b is not defined }}', '{"a": 1}', 'True'],
    // Filters as devices chain them.
    ["{{ value_json.x | default('', True) | string | truncate(254, True, '', 0) }}", '{"x": "abc"}', 'abc'],
    ["{{ value_json.x | default('', True) | string | truncate(254, True, '', 0) }}", '{"y": 1}', ''],
    ["{{ value_json.x | default('', True) | string | truncate(5, True, '', 0) }}", '{"x": "abcdefgh"}', 'abcde'],
    ['{{ value_json.name | lower }}', '{"name": "Salon"}', 'salon'],
    ['{{ value_json.name | upper }}', '{"name": "Salon"}', 'SALON'],
    ['{{ value_json | tojson }}', '{"a": "é", "b": [1, true]}', '{"a": "\\u00e9", "b": [1, true]}'],
    ["{{ value_json.HSBColor.split(',')[0:2] | join(',') }}", '{"HSBColor":"120,50,80"}', '120,50'],
    ["{{ value_json.get('errors', []) | length }}", '{"a": 1}', '0'],
    ["{{ 'x' in value_json.tags }}", '{"tags": ["x", "y"]}', 'True'],
    ['{{ value_json.list[-1] }}', '{"list": [1, 2, 3]}', '3'],
    ['{{ value_json.list[::-1] }}', '{"list": [1, 2, 3]}', '[3, 2, 1]'],
    ['{{ value_json.temperature | is_defined }}', '{"temperature": 20}', '20'],
    // A missing key: empty where printed, a failure where a value is needed (HA drops the message).
    ['{{ value_json.missing }}', '{"a": 1}', ''],
    ['{{ value_json.temperature | is_defined }}', '{"humidity": 40}', '!undefined: temperature'],
    ['{{ value_json.a.b }}', '{"x": 1}', '!undefined: a.b'],
    ['{{ value_json.temperature }}', 'not json', '!undefined: value_json.temperature'],
    ['{{ value_json.t * 2 }}', '{"u": 1}', '!undefined: t'],
  ])('%s on %s → %s', (template, payload, expected) => {
    expect(render(template, payload)).toBe(expected);
  });

  it('says what it does not support, and never guesses it', () => {
    expect(render('{{ now() }}', '1')).toBe('!unsupported: now()');
    expect(render("{{ as_timestamp(value) }}", '1')).toBe('!unsupported: as_timestamp()');
    expect(render("{{ value | regex_replace('a', 'b') }}", 'a')).toBe('!unsupported: | regex_replace');
    expect(render('{% for x in value_json %}{{ x }}{% endfor %}', '[1]')).toBe('!unsupported: for');
    expect(render('{{ value_json.x.items() }}', '{}')).toBe('!unsupported: items()');
    expect(render('{% if value %}x', '1')).toBe('!syntax: if without endif');
    expect(render('{{ value_json[ }}', '1')).toMatch(/^!syntax/);
  });

  it('stops a template that loops or grows at its cap', () => {
    // A long chain within the size cap renders (the step cap is a second guard behind the size cap).
    expect(render(`{{ ${'1 + '.repeat(1500)}1 }}`, '')).toBe('1501');
    expect(MAX_STEPS).toBeGreaterThan(8192 / 2);
    expect(render("{{ 'x' * 100000000 }}", '')).toBe(`!output: ${MAX_OUTPUT}`);
    expect(render(`{{ ${'('.repeat(100)}1${')'.repeat(100)} }}`, '')).toBe('!unsupported: nesting too deep');
    const many = `{% set a = 'x' * 10000 %}${'{{ a }}'.repeat(7)}`;
    expect(render(many, '')).toBe(`!output: ${MAX_OUTPUT}`);
    expect(render('{{ value }}'.repeat(2000), 'x')).toBe('!unsupported: template too long');
  });

  it('reads JSON keeping integers and floats apart, and prints floats as Python does', () => {
    expect(readJson('{"a": 1, "b": 1.0, "c": 1e3}')).toBeDefined();
    expect(pyRepr(readJson('[1, 1.0, 1e3, -0.5, "it\'s"]') ?? null)).toBe('[1, 1.0, 1000.0, -0.5, "it\'s"]');
    expect(readJson('{"a": }')).toBeUndefined();
    expect(readJson('{"a": 1} x')).toBeUndefined();
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(123456789.5)).toBe('123456789.5');
    expect(floatRepr(0.0001)).toBe('0.0001');
    expect(floatRepr(1.5e-7)).toBe('1.5e-07');
    expect(pyRepr(new PyFloat(Number.NaN))).toBe('nan');
  });
});
