import { describe, expect, it } from 'vitest';
import { countPdfPages, ReportError, runReportCommand, writeReportPdf } from './report.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('common-ground report', () => {
  it.each([
    [[], 'give one review slug'],
    [['my-review'], '--pdf OUT.pdf is required'],
    [['one', 'two', '--pdf', 'out.pdf'], 'give one review slug'],
    [['my-review', '--pdf', 'out.pdf', '--lang', 'fr'], '--lang takes en or cy, not "fr"'],
    [['my-review', '--pdf', 'out.pdf', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j with usage and exit code 2', async (argv, message) => {
    const output = capture();
    expect(await runReportCommand(argv, output.io)).toBe(2);
    expect(output.stderr()).toContain(message);
    expect(output.stderr()).toContain('usage: common-ground report SLUG --pdf OUT.pdf');
    expect(output.stdout()).toBe('');
  });

  it('says chromium is missing before touching the database', async () => {
    const attempt = writeReportPdf({
      slug: 'any',
      pdfPath: 'never-written.pdf',
      language: 'en',
      databaseUrl: '/nonexistent-folder/never-opened.sqlite',
      executablePath: '/nonexistent/chromium',
    });
    await expect(attempt).rejects.toThrow(ReportError);
    await expect(attempt).rejects.toThrow('chromium is not installed at /nonexistent/chromium');
  });

  it('counts page objects but not the page tree', () => {
    const pdf = (pages: number) =>
      new TextEncoder().encode(
        `%PDF-1.4\n1 0 obj << /Type /Pages /Count ${pages} >> endobj\n${Array.from(
          { length: pages },
          (_, index) => `${index + 2} 0 obj << /Type /Page /Parent 1 0 R >> endobj\n`,
        ).join('')}%%EOF`,
      );
    expect(countPdfPages(pdf(0))).toBe(0);
    expect(countPdfPages(pdf(1))).toBe(1);
    expect(countPdfPages(pdf(7))).toBe(7);
  });
});
