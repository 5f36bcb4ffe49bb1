import { expect } from 'chai';
import { numberedPlaceholders } from '../../server/store/pg/placeholders.ts';
import { storageError, failsEveryWrite, isStorageFailure } from '../../server/store/storageError.ts';

describe('PostgreSQL dialect helpers', () => {
  it('numbers the ? placeholders, never one inside a string, a quoted name or a comment', () => {
    expect(numberedPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).to.equal('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
    expect(numberedPlaceholders("UPDATE t SET v = '?' WHERE k <> ? AND n = 'it''s ?' -- why?\n AND x = ?")).to.equal(
      "UPDATE t SET v = '?' WHERE k <> $1 AND n = 'it''s ?' -- why?\n AND x = $2",
    );
    expect(numberedPlaceholders('SELECT a AS "why?", ? /* a ? here */, ?')).to.equal('SELECT a AS "why?", $1 /* a ? here */, $2');
    expect(numberedPlaceholders("SELECT '")).to.equal("SELECT '"); // an unclosed literal is PostgreSQL's to refuse
  });

  it('answers PostgreSQL failures as storage errors: a full disk, a busy database, a lost server', () => {
    const server = (code: string) => Object.assign(new Error('x'), { code, severity: 'ERROR' });
    expect(storageError(server('53100')).code).to.equal('storage-full');
    expect(storageError(server('40P01')).message).to.match(/busy/);
    expect(storageError(server('23505'))).to.deep.equal(storageError(new Error('other')));
    expect(isStorageFailure(server('23505'))).to.equal(true);
    expect(failsEveryWrite(server('23505'))).to.equal(false); // this write's rows, not the database
    expect(failsEveryWrite(server('57P01'))).to.equal(true); // the server is shutting down
    expect(failsEveryWrite(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).to.equal(true);
    expect(failsEveryWrite(new Error('Connection terminated unexpectedly'))).to.equal(true);
    expect(isStorageFailure(new TypeError('a bug of ours'))).to.equal(false);
  });
});
