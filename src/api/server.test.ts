import { GraphQLError } from 'graphql'
import { describe, expect, it } from 'vitest'
import { maskError } from './server'

describe('error masking', () => {
  const formatted = (message: string, code: string) => ({ message, locations: [{ line: 1, column: 3 }], path: ['reviews'], extensions: { code, stacktrace: ['at query (src/api/schema.ts:10:5)'] } })

  it('hides a server error behind "internal error", with no message, stack or SQL', () => {
    const masked = maskError(formatted('relation "public.review" permission denied: SELECT text FROM review', 'INTERNAL_SERVER_ERROR'), new Error('permission denied for table review'))
    expect(masked).toEqual({ message: 'internal error', locations: [{ line: 1, column: 3 }], path: ['reviews'], extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  })

  it('passes a client\'s own mistake through, without the stack', () => {
    const masked = maskError(formatted('limit must be 0-1000', 'BAD_USER_INPUT'), new GraphQLError('limit must be 0-1000'))
    expect(masked).toEqual({ message: 'limit must be 0-1000', locations: [{ line: 1, column: 3 }], path: ['reviews'], extensions: { code: 'BAD_USER_INPUT' } })
  })
})
