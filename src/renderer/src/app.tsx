export function App(): React.JSX.Element {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Genocat</h1>
      <p>
        The catalog engine and the <code>genocat</code> CLI are ready; the workbench UI arrives
        next.
      </p>
    </main>
  )
}
