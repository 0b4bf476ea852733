/**
 * Files dropped anywhere on the window are added to the open catalog. The overlay appears
 * only while files (not text or links) are dragged over the window.
 */
import { useEffect, useState } from 'react'
import { useAppState } from '../state/app-state'
import { useIngest } from './ingest-context'

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false
}

export function DropZone(): React.JSX.Element | null {
  const { addFiles } = useIngest()
  const { catalog } = useAppState()
  const [over, setOver] = useState(false)

  useEffect(() => {
    let depth = 0
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      depth++
      setOver(true)
    }
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const overHandler = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      // Without this the browser opens the file instead of dropping it.
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent) => {
      depth = 0
      setOver(false)
      if (!carriesFiles(e)) return
      e.preventDefault()
      addFiles([...(e.dataTransfer?.files ?? [])])
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', overHandler)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', overHandler)
      window.removeEventListener('drop', drop)
    }
  }, [addFiles])

  if (!over) return null
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div>
        <strong>Drop to add to {catalog ? catalog.name : 'a catalog'}</strong>
        <p>FASTA or FASTQ (plain, gzip, BGZF) and metadata tables (TSV, CSV)</p>
      </div>
    </div>
  )
}
