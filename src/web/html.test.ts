import { describe, expect, it } from 'vitest';
import { attr, html, isHtml, join, raw } from './html.js';

describe('html', () => {
  it('escapes text interpolated into content', () => {
    const name = '<script>alert(1)</script>';
    expect(String(html`<p>${name}</p>`)).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes every character that could end an attribute or open a tag', () => {
    expect(String(html`<a title="${`" onmouseover='x' \`y\` & <b>`}">`)).toBe('<a title="&quot; onmouseover=&#39;x&#39; &#96;y&#96; &amp; &lt;b&gt;">');
  });

  it('keeps a single-quoted attribute closed against a quote in the value', () => {
    const out = String(html`<input value='${"x' autofocus onfocus='alert(1)"}'>`);
    expect(out).not.toContain("x' autofocus");
    expect(out).toBe("<input value='x&#39; autofocus onfocus=&#39;alert(1)'>");
  });

  it('nests templates and lists of templates without escaping them twice', () => {
    const items = ['a&b', '<i>'].map((t) => html`<li>${t}</li>`);
    expect(String(html`<ul>${items}</ul>`)).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li></ul>');
  });

  it('leaves out null, undefined and false, and prints numbers', () => {
    expect(String(html`${null}${undefined}${false}${0}${12.5}`)).toBe('012.5');
  });

  it('never trusts a string that looks like markup', () => {
    const lookalike = { toString: () => '<b>' };
    // A plain object is not Html: it is not accepted by the type, and not trusted at run time either.
    expect(isHtml(lookalike)).toBe(false);
    expect(isHtml(html`<b>`)).toBe(true);
    expect(isHtml('<b>')).toBe(false);
  });

  it('passes raw only what it is given', () => {
    expect(String(html`${raw('<!doctype html>')}<p>${'<!doctype html>'}</p>`)).toBe('<!doctype html><p>&lt;!doctype html&gt;</p>');
  });

  it('joins parts with a separator', () => {
    expect(String(join(['a', html`<br>`, '<c>'], raw(', ')))).toBe('a, <br>, &lt;c&gt;');
  });

  it('writes attributes that are there or not, escaping their values', () => {
    expect(String(html`<input${attr('checked', true)}${attr('disabled', false)}${attr('value', '"><script>')}>`)).toBe('<input checked value="&quot;&gt;&lt;script&gt;">');
    expect(() => attr('onclick="x"', 'y')).toThrow();
  });
});
