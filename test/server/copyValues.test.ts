import { expect } from 'chai';
import { postgresText, sameText, ValueRefusedError } from '../../server/store/copyValues.ts';

/** SQLite values as text PostgreSQL parses into its column's type, and the text it gives back compared with them. */
describe('copyValues: SQLite values for PostgreSQL columns', () => {
  it('sends whole numbers exactly, refuses fractions and non-numbers in integer columns', () => {
    expect(postgresText(42, 'bigint')).to.equal('42');
    expect(postgresText(3.0, 'integer')).to.equal('3');
    expect(postgresText('9007199254740993', 'bigint')).to.equal('9007199254740993'); // past 2^53, read as exact text
    expect(postgresText(null, 'bigint')).to.equal(null);
    expect(() => postgresText(1.5, 'bigint')).to.throw(ValueRefusedError, /1.5 is not a whole number/);
    expect(() => postgresText('abc', 'bigint')).to.throw(ValueRefusedError, /not a whole number/);
  });

  it('turns 0/1 into booleans, blobs into bytea, and refuses a blob in a text column', () => {
    expect([postgresText(0, 'boolean'), postgresText(1, 'boolean')]).to.deep.equal(['false', 'true']);
    expect(() => postgresText(2, 'boolean')).to.throw(ValueRefusedError);
    expect(postgresText(Buffer.from([0, 255, 16]), 'bytea')).to.equal('\\x00ff10');
    expect(() => postgresText(Buffer.from('x'), 'text')).to.throw(ValueRefusedError, /blob of 1 bytes/);
    expect(postgresText(7, 'text')).to.equal('7');
  });

  it('compares what PostgreSQL holds with what would be sent: floats by value, jsonb by content, the rest as text', () => {
    expect(sameText('1e-07', '1e-7', 'double precision')).to.equal(true);
    expect(sameText('{"a": 1, "b": [2]}', '{"b":[2],"a":1}', 'jsonb')).to.equal(true);
    expect(sameText('{"b":[2],"a":1}', '{"a":1,"b":[2]}', 'text')).to.equal(false);
    expect(sameText(null, null, 'text')).to.equal(true);
    expect(sameText(null, '', 'text')).to.equal(false);
    expect(sameText('5', '5', 'bigint')).to.equal(true);
  });
});
