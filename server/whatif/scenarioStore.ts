import type { WhatIfResult, WhatIfScenario, WhatIfScenarioSummary } from '../../protocol/whatif.ts';
import type { Database } from '../store/db.ts';

interface Row {
  id: number;
  name: string;
  created_at: number;
  created_by: string;
  period_from: string;
  period_to: string;
  result: string;
}

/** Saved what-if scenarios (table whatif_scenarios): written on the hub's writer, read on its reader. */
export class ScenarioStore {
  constructor(private readonly db: Database) {}

  async save(name: string, createdBy: string, at: number, result: WhatIfResult): Promise<WhatIfScenario> {
    const row = await this.db.transaction((tx) =>
      tx.get<{ id: number }>(
        'INSERT INTO whatif_scenarios (name, created_at, created_by, period_from, period_to, result) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [name, at, createdBy, result.request.from, result.request.to, JSON.stringify(result)],
      ),
    );
    return (await this.get(row!.id))!;
  }

  async list(): Promise<WhatIfScenarioSummary[]> {
    const rows = await this.db.all<Row>('SELECT * FROM whatif_scenarios ORDER BY created_at DESC, id DESC');
    return rows.map((r) => summary(r, JSON.parse(r.result) as WhatIfResult));
  }

  async get(id: number): Promise<WhatIfScenario | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM whatif_scenarios WHERE id = ?', [id]);
    if (!row) return undefined;
    const result = JSON.parse(row.result) as WhatIfResult;
    return { ...summary(row, result), result };
  }

  async remove(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM whatif_scenarios WHERE id = ?', [id])).changes > 0;
  }
}

function summary(r: Row, result: WhatIfResult): WhatIfScenarioSummary {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    createdBy: r.created_by,
    from: r.period_from,
    to: r.period_to,
    replayMedianWaitMinutes: result.replay.medianWaitMinutes,
    realityMedianWaitMinutes: result.reality.medianWaitMinutes,
  };
}
