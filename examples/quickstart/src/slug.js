/** Turns a title into a URL slug: "Hello, World!" -> "hello-world". */
export function slugify(title) {
  throw new Error('not implemented');
}
