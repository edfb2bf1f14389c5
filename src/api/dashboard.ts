/**
 * The dashboard's static files (web/, built by `npm run build:web` into web/dist), served by the API
 * process at `/`. The page itself is public: it holds no secret, and what it shows comes from the
 * API under the credential the user signs in with.
 */
import fs from 'node:fs'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
}

export interface StaticFile {
  status: number
  body: string | Buffer
  type: string
  headers: Record<string, string>
}

/** A reader of the built dashboard in `dir`: a route to its file, or why not. */
export function dashboardFiles(dir: string): (route: string) => StaticFile {
  const root = path.resolve(dir)
  return (route) => {
    if (!fs.existsSync(path.join(root, 'index.html'))) return { status: 503, body: 'The dashboard is not built: npm run build:web\n', type: 'text/plain; charset=utf-8', headers: {} }
    let decoded: string
    try {
      decoded = decodeURIComponent(route)
    } catch {
      return notFound
    }
    const file = path.resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`)
    // Nothing outside the built folder, whatever the route spells.
    if (!file.startsWith(`${root}${path.sep}`) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return notFound
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
    // Built assets carry a content hash in their names; index.html must be fetched again.
    const cache = decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
    return { status: 200, body: fs.readFileSync(file), type, headers: { 'cache-control': cache, 'x-content-type-options': 'nosniff' } }
  }
}

const notFound: StaticFile = { status: 404, body: JSON.stringify({ error: 'not found' }), type: 'application/json', headers: {} }
