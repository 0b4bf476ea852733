/** The top bar's catalog part: what is open (name, size, format) and the catalog actions. */
import { useRef } from 'react'
import { call, isDesktop } from '../lib/api'
import { formatBases, formatBytes, formatCount } from '../lib/format'
import { useIngest } from '../ingest/ingest-context'
import { useAppState } from '../state/app-state'
import type { CatalogDialogMode } from './catalog-dialog'

export function CatalogBar(props: {
  onDialog: (mode: CatalogDialogMode) => void
}): React.JSX.Element {
  const { catalog } = useAppState()
  const { addFiles, addPaths } = useIngest()
  const fileInput = useRef<HTMLInputElement>(null)

  const addFilesClicked = async () => {
    if (isDesktop()) addPaths(await call('dialog:choose-files', {}))
    else fileInput.current?.click()
  }

  return (
    <div className="catalog-bar">
      <div className="catalog-current" aria-label="Open catalog details">
        {catalog ? (
          <>
            <span className="catalog-name" title={catalog.location}>
              {catalog.name}
              {catalog.demo && <span className="badge demo-badge">demo</span>}
            </span>
            <span className="catalog-facts">
              {formatCount(catalog.sequences)} sequences · {formatBases(catalog.totalLength)} ·{' '}
              {formatBytes(catalog.bytesOnDisk)} on disk · {catalog.format}
            </span>
          </>
        ) : (
          <span className="catalog-facts">No catalog open</span>
        )}
      </div>
      <button type="button" onClick={() => props.onDialog('create')}>
        New catalog
      </button>
      <button type="button" onClick={() => props.onDialog('open')}>
        Open catalog
      </button>
      {catalog && (
        <button
          type="button"
          title="Close this catalog (files being added go on in the background)"
          onClick={() => void call('catalog:close', {})}
        >
          Close catalog
        </button>
      )}
      <button
        type="button"
        className="primary"
        disabled={!catalog}
        title={catalog ? 'Add FASTA/FASTQ files and metadata tables' : 'Open a catalog first'}
        onClick={() => void addFilesClicked()}
      >
        Add files
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label="Choose files to add"
        onChange={(e) => {
          addFiles([...(e.target.files ?? [])])
          e.target.value = ''
        }}
      />
    </div>
  )
}
