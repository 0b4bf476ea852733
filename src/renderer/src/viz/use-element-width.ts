import { useLayoutEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'

/**
 * The width of an element, kept current with a ResizeObserver, so charts redraw when the
 * window or the grid around them changes. Measured before paint on mount, so a chart does
 * not first draw at width 0.
 */
export function useElementWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(Math.floor(element.getBoundingClientRect().width))
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      // Whole pixels: sub-pixel jitter would otherwise redraw the axes on every layout pass.
      if (entry) setWidth(Math.floor(entry.contentRect.width))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}
