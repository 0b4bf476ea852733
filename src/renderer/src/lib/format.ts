/** Numbers as researchers read them: thousands separators, bases in kb/Mb, bytes in MB. */

const integer = new Intl.NumberFormat('en-US')

export function formatCount(n: number): string {
  return integer.format(n)
}

export function formatBases(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} Gb`
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} Mb`
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)} kb`
  return `${integer.format(n)} bp`
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`
  return `${n} B`
}

export function formatFraction(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`
}

export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '–'
  if (s < 1) return '<1 s'
  if (s < 90) return `${Math.round(s)} s`
  if (s < 5400) return `${Math.round(s / 60)} min`
  return `${(s / 3600).toFixed(1)} h`
}

export function formatRate(recordsPerSecond: number): string {
  if (recordsPerSecond >= 1e6) return `${(recordsPerSecond / 1e6).toFixed(1)}M rec/s`
  if (recordsPerSecond >= 1e3) return `${(recordsPerSecond / 1e3).toFixed(1)}k rec/s`
  return `${Math.round(recordsPerSecond)} rec/s`
}

/** The last part of a path, for labels (the full path goes in a tooltip). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}
