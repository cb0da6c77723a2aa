// Reading what the visitor pasted into posts.
//
// Design: two formats, told apart by their first non-blank line. A line that opens with "{" means
// JSON Lines in the `chaff score` input format; anything else is plain text, one post per
// blank-line-separated block. JSON Lines are checked with the same rules as the CLI (required
// string `id` and `text`, optional fields string or null, a repeated id skipped) and every
// problem is reported as "line N: what is wrong" while the other lines still count, so the page
// and `chaff score` agree on which posts a thread holds.

const OPTIONAL_FIELDS = ['author', 'title', 'created', 'parent', 'url', 'site'];
// Optional true/false/null fields (src/post.rs `flag`): moderator (never part of a campaign),
// new_account (the site marks the author new: a fact a flagged post's reasons state).
const OPTIONAL_FLAGS = ['moderator', 'new_account'];

/** @returns {{format: 'jsonl'|'blocks', posts: object[], problems: string[]}} */
export function parseThread(raw) {
  const text = raw.replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  if (firstLine.trimStart().startsWith('{')) {
    return { format: 'jsonl', ...parseJsonLines(text) };
  }
  return { format: 'blocks', posts: parseBlocks(text), problems: [] };
}

/** One post per block; blocks are separated by lines holding only whitespace. Ids count from 1. */
export function parseBlocks(text) {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block, index) => ({ id: String(index + 1), text: block }));
}

export function parseJsonLines(text) {
  const posts = [];
  const problems = [];
  const lines = []; // The line number of each accepted post, for later warnings about it.
  const seen = new Set();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return; // The CLI skips blank lines too.
    const lineNumber = index + 1;
    const result = postFromLine(line);
    if (typeof result === 'string') {
      problems.push(`line ${lineNumber}: ${result}`);
    } else if (seen.has(result.id)) {
      problems.push(`line ${lineNumber}: repeated id ${JSON.stringify(result.id)}`);
    } else {
      seen.add(result.id);
      posts.push(result);
      lines.push(lineNumber);
    }
  });
  return { posts, problems, lines };
}

/** A post, or a string saying what is wrong with the line. */
function postFromLine(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${error.message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'expected a JSON object with "id" and "text"';
  }
  // Checked in the CLI's order (src/post.rs), so both name the same problem first.
  const idProblem = requiredStringProblem(value, 'id');
  if (idProblem) return idProblem;
  if (value.id === '') return '"id" is empty';
  const textProblem = requiredStringProblem(value, 'text');
  if (textProblem) return textProblem;
  const post = { id: value.id, text: value.text };
  for (const name of OPTIONAL_FIELDS) {
    const field = value[name];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') return `"${name}" must be a string or null, not ${jsonType(field)}`;
    post[name] = field;
  }
  for (const name of OPTIONAL_FLAGS) {
    const flag = value[name];
    if (flag === undefined || flag === null) continue;
    if (typeof flag !== 'boolean') return `"${name}" must be true, false or null, not ${jsonType(flag)}`;
    post[name] = flag;
  }
  return post;
}

function requiredStringProblem(record, name) {
  const field = record[name];
  if (field === undefined || field === null) return `missing "${name}"`;
  if (typeof field !== 'string') return `"${name}" must be a string, not ${jsonType(field)}`;
  return null;
}

function jsonType(value) {
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'boolean': return 'a boolean';
    case 'number': return 'a number';
    case 'object': return 'an object';
    default: return 'a string';
  }
}

/** Whether a dropped file is a saved web page (else its text is read as a thread). */
export function looksLikeHtml(fileName, content) {
  if (/\.html?$/i.test(fileName)) return true;
  return /^\s*(<!doctype html|<html[\s>])/i.test(content.slice(0, 512));
}
