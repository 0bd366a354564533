/**
 * A small, strict XML parser for bank statements (ISO 20022 camt.053): elements, attributes, text, CDATA, comments,
 * processing instructions and the five predefined entities plus character references. No DTD (a DOCTYPE is refused:
 * no entity expansion, no external fetches). Every element keeps the line it starts on, so problems name lines.
 */
import { render, type Said } from '../../../platform/messages.ts';
import { statementMessages as say } from '../ledger.messages.ts';

export interface XmlElement {
  /** Local name (namespace prefix removed): camt documents use a default namespace or any prefix. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

/** A document that is not well-formed XML: the line and what is wrong there (said to the person who sent the file). */
export class XmlError extends Error {
  constructor(readonly line: number, readonly said: Said) { super(`line ${line}: ${render(said, 'en')}`); }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, line: number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (_match, body: string | undefined, offset: number) => {
    const at = line + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
    if (!body) throw new XmlError(at, say.bareAmpersand());
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const value = ENTITIES[body];
    if (value === undefined) throw new XmlError(at, say.unknownEntity({ entity: body }));
    return value;
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function parseXml(source: string): XmlElement {
  const text = source.replace(/^\uFEFF/, '');
  let position = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = position; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    position = to;
  };
  const expectEnd = (marker: string, what: Said) => {
    const end = text.indexOf(marker, position);
    if (end < 0) throw new XmlError(line, say.notClosed({ what }));
    return end;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (position < text.length) {
    const lt = text.indexOf('<', position);
    const chunk = lt < 0 ? text.slice(position) : text.slice(position, lt);
    if (chunk.length) {
      const current = stack[stack.length - 1];
      if (current) current.text += decode(chunk, line);
      else if (chunk.trim()) throw new XmlError(line, say.textOutsideRoot());
      advance(lt < 0 ? text.length : lt);
      if (lt < 0) break;
    }
    if (text.startsWith('<!--', position)) { advance(expectEnd('-->', say.comment()) + 3); continue; }
    if (text.startsWith('<?', position)) { advance(expectEnd('?>', say.processingInstruction()) + 2); continue; }
    if (text.startsWith('<![CDATA[', position)) {
      const end = expectEnd(']]>', say.cdata());
      const current = stack[stack.length - 1];
      if (!current) throw new XmlError(line, say.cdataOutsideRoot());
      current.text += text.slice(position + 9, end);
      advance(end + 3);
      continue;
    }
    if (text.startsWith('<!', position)) throw new XmlError(line, say.declaration());
    if (text.startsWith('</', position)) {
      NAME.lastIndex = position + 2;
      const match = NAME.exec(text);
      if (!match) throw new XmlError(line, say.closingTagName());
      const close = text.indexOf('>', NAME.lastIndex);
      if (close < 0 || text.slice(NAME.lastIndex, close).trim()) throw new XmlError(line, say.closingTagMalformed({ name: match[0] }));
      const open = stack.pop();
      if (!open || open.name !== localName(match[0])) {
        throw new XmlError(line, open ? say.closesOther({ name: match[0], open: open.name, line: open.line }) : say.noOpeningTag({ name: match[0] }));
      }
      advance(close + 1);
      continue;
    }
    // start tag
    const startLine = line;
    NAME.lastIndex = position + 1;
    const match = NAME.exec(text);
    if (!match) throw new XmlError(line, say.strayLessThan());
    const element: XmlElement = { name: localName(match[0]), attributes: {}, children: [], text: '', line: startLine };
    let cursor = NAME.lastIndex;
    let selfClosing = false;
    for (;;) {
      while (/\s/.test(text[cursor] ?? '')) cursor++;
      if (cursor >= text.length) throw new XmlError(startLine, say.tagNotClosed({ name: match[0] }));
      if (text[cursor] === '>') { cursor++; break; }
      if (text.startsWith('/>', cursor)) { cursor += 2; selfClosing = true; break; }
      NAME.lastIndex = cursor;
      const attribute = NAME.exec(text);
      if (!attribute) throw new XmlError(startLine, say.unexpectedInTag({ character: text[cursor], name: match[0] }));
      cursor = NAME.lastIndex;
      while (/\s/.test(text[cursor] ?? '')) cursor++;
      if (text[cursor] !== '=') throw new XmlError(startLine, say.attributeNeedsValue({ attribute: attribute[0] }));
      cursor++;
      while (/\s/.test(text[cursor] ?? '')) cursor++;
      const quote = text[cursor];
      if (quote !== '"' && quote !== "'") throw new XmlError(startLine, say.attributeNeedsQuotes({ attribute: attribute[0] }));
      const end = text.indexOf(quote, cursor + 1);
      if (end < 0) throw new XmlError(startLine, say.attributeNotClosed({ attribute: attribute[0] }));
      element.attributes[localName(attribute[0])] = decode(text.slice(cursor + 1, end), startLine);
      cursor = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new XmlError(startLine, say.secondRoot());
    else root = element;
    if (!selfClosing) stack.push(element);
    advance(cursor);
  }
  if (stack.length) throw new XmlError(line, say.elementNotClosed({ name: stack[stack.length - 1].name, line: stack[stack.length - 1].line }));
  if (!root) throw new XmlError(1, say.noRoot());
  return root;
}

/** The first child element with that local name. */
export const child = (element: XmlElement | undefined, name: string) => element?.children.find((c) => c.name === name);
export const children = (element: XmlElement | undefined, name: string) => element?.children.filter((c) => c.name === name) ?? [];
/** Follows a path of local names: path(stmt, 'Acct', 'Id', 'IBAN'). */
export function path(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = child(current, name);
  return current;
}
export const textAt = (element: XmlElement | undefined, ...names: string[]) => {
  const found = path(element, ...names);
  return found ? found.text.trim() : undefined;
};
