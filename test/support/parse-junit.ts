import { create } from 'xmlbuilder2';

/** The little of the DOM (xmlbuilder2's, @oozcitak/dom) read here; tsconfig has no DOM lib. */
interface Element {
  readonly tagName: string;
  readonly attributes: Iterable<{ readonly name: string; readonly value: string }>;
  readonly children: Iterable<Element>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}

type Attributes = Record<string, string>;
type Problem = Attributes & { readonly text: string };
type Testcase = Attributes & { failure?: Problem; error?: Problem; skipped?: Problem };
export type ParsedSuite = Attributes & { readonly properties: Attributes; readonly testcase: Testcase[] };

const attributesOf = (element: Element): Attributes => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
const children = (element: Element, name: string) => [...element.children].filter((child) => child.tagName === name);
const problem = (testcase: Element, name: string): { [key: string]: Problem } => {
  const [element] = children(testcase, name);
  return element ? { [name]: { ...attributesOf(element), text: element.textContent ?? '' } } : {};
};

/** The one testsuite of a JUnit file read back through a DOM (xmlbuilder2's parser): its attributes, properties and testcases, unescaped. */
export function parseJunit(xml: string): ParsedSuite {
  const root = (create(xml).node as unknown as { documentElement: Element }).documentElement;
  const [suite] = children(root, 'testsuite');
  if (!suite) throw new Error(`no <testsuite> in <${root.tagName}>`);
  const properties = children(suite, 'properties').flatMap((p) => children(p, 'property'));
  return {
    ...attributesOf(suite),
    properties: Object.fromEntries(properties.map((p) => [p.getAttribute('name') ?? '', p.getAttribute('value') ?? ''])),
    testcase: children(suite, 'testcase').map((c) => ({
      ...attributesOf(c),
      ...problem(c, 'failure'),
      ...problem(c, 'error'),
      ...problem(c, 'skipped'),
    })),
  } as ParsedSuite;
}
