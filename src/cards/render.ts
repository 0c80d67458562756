// Card markdown. Card text is our own content; anything taken from the document
// (the hovered code, an import alias, an import path) goes through inlineCode, so a
// file cannot inject markdown, links or command URIs into a hover.
//
// short: the title, the TypeScript idiom, the Go and TypeScript snippets side by side,
//        and the reference link: enough to recognise the construct at a glance.
// full:  everything in short, plus why the card showed here (an aliased package, the
//        receiver's type), what the construct is in Go, how the TypeScript idiom
//        maps onto it, and the gotcha.
import { defaultPackageName } from '../engine/imports';
import { codeBlock, inlineCode } from '../shared/markdown';
import type { Card } from './card';
import type { MatchReason } from './matcher';

export type CardMode = 'short' | 'full';

const MAX_QUOTED = 60;

function quoted(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return inlineCode(oneLine.length > MAX_QUOTED ? `${oneLine.slice(0, MAX_QUOTED - 1)}…` : oneLine);
}

/** "database/sql.Rows" -> "sql.Rows", as the type reads in code. */
function shortTypeName(typeKey: string): string {
  const dot = typeKey.lastIndexOf('.');
  return dot < 0 ? typeKey : `${defaultPackageName(typeKey.slice(0, dot))}.${typeKey.slice(dot + 1)}`;
}

export function linkLabel(link: string): string {
  const spec = /^https:\/\/go\.dev\/ref\/spec#(.+)$/.exec(link);
  if (spec) return `Go spec: ${decodeURIComponent(spec[1]!).replace(/_/g, ' ')}`;
  const pkg = /^https:\/\/pkg\.go\.dev\/([^#]+)(?:#(.+))?$/.exec(link);
  if (pkg) return `Package docs: ${pkg[1]}${pkg[2] ? `.${pkg[2]}` : ''}`;
  return 'go.dev';
}

/** The line that ties the card to the hovered code, when it adds something. */
export function reasonLine(subjectText: string, reason: MatchReason | undefined): string | null {
  if (!reason) return null;
  if (reason.kind === 'package') {
    if (reason.localName === defaultPackageName(reason.importPath)) return null;
    return `${quoted(subjectText)}: ${quoted(reason.localName)} is the package ${quoted(reason.importPath)} imported under another name.`;
  }
  return `${quoted(subjectText)}: ${quoted(reason.receiver)} is a ${quoted(shortTypeName(reason.type))} here.`;
}

export function renderCard(card: Card, mode: CardMode, context?: { subjectText: string; reason?: MatchReason }): string {
  const snippets = [codeBlock(card.goSnippet, 'go'), codeBlock(card.tsSnippet, 'ts')];
  const link = `[${linkLabel(card.link)}](${card.link})`;
  if (mode === 'short') {
    return [`**${card.title}**`, `TypeScript: ${card.tsIdiom}`, ...snippets, link].join('\n\n');
  }
  const reason = context ? reasonLine(context.subjectText, context.reason) : null;
  return [
    `**${card.title}**`,
    ...(reason ? [reason] : []),
    card.go,
    `**In TypeScript: ${card.tsIdiom}.** ${card.typescript}`,
    ...snippets,
    `**Gotcha:** ${card.gotcha}`,
    link,
  ].join('\n\n');
}
