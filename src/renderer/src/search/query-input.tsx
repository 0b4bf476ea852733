import { useRef, useState } from 'react'
import { formatBytes } from '../lib/format'

// Queries are reads, genes and genomes; past this, `genocat search` on the command line is the tool.
const MAX_QUERY_BYTES = 50 * 1024 * 1024

interface QueryInputProps {
  readonly value: string
  readonly onChange: (text: string) => void
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  readonly onSubmit: () => void
  /** A file that cannot be read as a query: the sentence to show. */
  readonly onFileError: (message: string | null) => void
}

/** Reads a FASTA file picked or dropped into the query, refusing ones too big or compressed. */
async function readQueryFile(file: File): Promise<string> {
  if (/\.(gz|bz2|xz|zst|zip)$/i.test(file.name))
    throw new Error(
      `${file.name} is compressed; decompress it first, or search it with the command line.`,
    )
  if (file.size > MAX_QUERY_BYTES)
    throw new Error(
      `${file.name} is ${formatBytes(file.size)}; queries pasted here are limited to ${formatBytes(MAX_QUERY_BYTES)}. Use \`genocat search\` for larger query files.`,
    )
  return file.text()
}

/** The query textarea: paste, type, drop a FASTA file, or load one. */
export function QueryInput(props: QueryInputProps): React.JSX.Element {
  const { value, onChange, onSubmit, onFileError } = props
  const picker = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [loaded, setLoaded] = useState<string | null>(null)

  const load = (file: File | undefined): void => {
    if (!file) return
    readQueryFile(file).then(
      (text) => {
        onChange(text)
        setLoaded(file.name)
        onFileError(null)
      },
      (error: unknown) => onFileError(error instanceof Error ? error.message : String(error)),
    )
  }

  const hasFiles = (e: React.DragEvent): boolean => e.dataTransfer.types.includes('Files')

  return (
    <div className="search-query">
      <textarea
        className={dragging ? 'search-textarea mono search-dragging' : 'search-textarea mono'}
        aria-label="Query sequence"
        placeholder={
          'Paste a nucleotide sequence or FASTA (one or several records), or drop a FASTA file here.\n>read1\nACGTTGCA…'
        }
        spellCheck={false}
        value={value}
        onChange={(e) => {
          onChange(e.target.value)
          setLoaded(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            onSubmit()
          }
        }}
        // Files dropped here are queries; stopping propagation keeps the window-wide ingest
        // drop zone from adding them to the catalog. Dropped text keeps the default.
        onDragOver={(e) => {
          if (!hasFiles(e)) return
          e.preventDefault()
          e.stopPropagation()
          e.dataTransfer.dropEffect = 'copy'
          setDragging(true)
        }}
        onDragEnter={(e) => {
          if (hasFiles(e)) e.stopPropagation()
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          setDragging(false)
          if (!hasFiles(e)) return
          e.preventDefault()
          e.stopPropagation()
          load(e.dataTransfer.files[0])
        }}
      />
      <div className="row search-query-tools">
        <button type="button" onClick={() => picker.current?.click()}>
          Load FASTA…
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          aria-label="FASTA file to search with"
          accept=".fa,.fasta,.fna,.ffn,.frn,.fas,.seq,.txt,text/plain"
          onChange={(e) => {
            load(e.target.files?.[0])
            // Picking the same file again must fire onChange again.
            e.target.value = ''
          }}
        />
        {loaded && <span className="muted">{`Loaded ${loaded}`}</span>}
        <span className="spacer" />
        <span className="muted search-hint">Ctrl+Enter searches</span>
      </div>
    </div>
  )
}
