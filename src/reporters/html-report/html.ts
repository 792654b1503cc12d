/**
 * HTML built so that text cannot become markup: `html` is a tagged template
 * whose interpolated values are escaped (escape-goat: & < > " ') unless they
 * are Html made by `html` itself (or a list of them). Every string from the
 * evidence goes in as a value, so a transcript holding `<script>` shows as
 * text. `trustedHtml` marks markup built elsewhere by trusted code (a chart
 * whose own text it escaped); nothing from the evidence may go through it.
 */
import { htmlEscape } from 'escape-goat';

export class Html {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  return new Html(strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''));
}

export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return htmlEscape(String(value));
}
