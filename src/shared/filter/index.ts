export * from './ast.js'
export { formatFilter } from './format.js'
export { isKeyword, parseFilter } from './parse.js'
