import { useEffect, useState } from 'react';

const API: string = import.meta.env.VITE_FK_API_URL ?? 'http://localhost:3001';

interface ScenarioInfo {
  id: string;
  scenarios: { id: string; title: string; description: string }[];
}

/** The demo shell: the scenario picker. The kit's screens are mounted here as they land. */
export function App() {
  const [info, setInfo] = useState<ScenarioInfo>();
  useEffect(() => {
    void fetch(`${API}/demo/scenario`).then(async (r) => setInfo((await r.json()) as ScenarioInfo));
  }, []);
  return (
    <main>
      <h1>factorkit demo</h1>
      {info === undefined ? (
        <p>Loading…</p>
      ) : (
        <ul>
          {info.scenarios.map((s) => (
            <li key={s.id}>
              <strong>{s.id === info.id ? `${s.title} (current)` : s.title}</strong>: {s.description}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
