/**
 * A secretary holds a board meeting item by item, in a real browser. The board exists as an
 * administrator set it up through the API (constituted, four members seated, a chair and a
 * secretary). Then the secretary, in the browser, convenes a meeting with a place and a three-item
 * agenda and records who is present; a member (in a browser of their own) declares themselves
 * disqualified on item 2, which concerns their organisation; resolutions are proposed under items 1
 * and 2; the members vote (the disqualified member is offered no vote on item 2), one member leaves
 * after voting began, the votes are counted and a dissent recorded; the secretary writes the minutes
 * of each item (an empty decision refused on its field); the chair records, naming the adopted rules
 * of procedure, that individual votes are public (first refused without naming a resolution); the
 * minutes are signed by everyone present (an edit of an item's minutes from a page loaded before is
 * refused in words); and the public minutes show each item with its minutes, the disqualification,
 * the departure and — the rules being so — how each member voted.
 *
 * What the pages show is asserted as a reader sees it; what was recorded is read back through the
 * API. axe-core on each page type, in Danish, and the public minutes in English too.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.js';
import { chromium, establishCentre, eventually, inBrowser, launchBrowser, newContext, pageLanguage, seriousAxeViolations, startTestServer, watchPage } from '../support/browser.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Json = Record<string, any>;

describe.skipIf(!chromium)('a secretary holds a meeting item by item, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  const centreName = `Virkelyst Ishøj ${newId().slice(-4)}`;
  let centreId: string;
  const chair = 'mette.hansen';
  const secretary = 'karen.holm';
  const recused = 'ali.yilmaz';
  const leaving = 'sofie.jensen';
  const rules = 'Forretningsordenen vedtages: hvert medlems stemme er offentlig';
  const agreement = 'Samarbejdsaftalen med Ishøj Erhvervsforening fornyes for 2027';
  const documentTitle = 'Samarbejdsaftale 2027 (udkast)';
  const documentBytes = Buffer.from('%PDF-1.4\n% Samarbejdsaftale mellem Virkelyst Ishøj og Ishøj Erhvervsforening 2027\n%%EOF\n');
  const documentDigest = createHash('sha256').update(documentBytes).digest('hex');

  async function api(token: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object): Promise<Json> {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json', 'idempotency-key': newId() }) },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Json;
  }
  const admin = () => server.token('admin');
  const member = (id: string) => server.token('board_member', centreId, id);
  const boardView = async () => api(await member(chair), 'GET', `/centres/${centreId}/board`);
  /** The resolution of that title, from the board's read model, once it has it. */
  const resolutionTitled = (title: string) => eventually(async () => (await boardView()).resolutions.find((r: Json) => r.title === title) as Json | undefined);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    centreId = await establishCentre(server.url, server.token, { name: centreName, municipalityCode: '183' });
    // The board as an administrator records it: constituted, two partner seats, four members seated, a chair and a secretary.
    await api(await admin(), 'POST', `/centres/${centreId}/board`, {});
    const business = (await api(await admin(), 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Ishøj Erhvervsforening' })).created.seatId;
    const sports = (await api(await admin(), 'POST', `/centres/${centreId}/board/seats`, { organisation: 'Ishøj Idrætsforening' })).created.seatId;
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/employee/member`, { memberId: chair, how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/citizen/member`, { memberId: leaving, how: 'elected', from: '2026-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/${business}/member`, { memberId: recused, how: 'appointed', from: '2026-01-01' });
    await api(await admin(), 'POST', `/centres/${centreId}/board/seats/${sports}/member`, { memberId: secretary, how: 'appointed', from: '2026-01-01' });
    await api(await admin(), 'PUT', `/centres/${centreId}/board/roles/chair`, { memberId: chair });
    await api(await admin(), 'PUT', `/centres/${centreId}/board/roles/secretary`, { memberId: secretary });
    await eventually(async () => ((await boardView()).roles.secretary === secretary ? true : undefined));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function expectAccessible(page: Page, lang: 'da' | 'en') {
    expect(await pageLanguage(page)).toBe(lang);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }
  /** The local development sign-in, as a board member of the centre. */
  async function signIn(page: Page, memberId: string) {
    await page.goto(server.url + '/log-ind');
    await page.getByLabel('Bestyrelsesmedlem', { exact: true }).check();
    await page.getByLabel('Person-id').fill(memberId);
    await page.locator('#centreId').selectOption(centreId);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((url) => url.pathname === '/bestyrelse');
  }
  const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).waitFor();
  /** This member votes in the browser, in the resolution's own section. */
  async function vote(page: Page, resolutionId: string, title: string, choice: 'For' | 'Imod') {
    const section = page.locator(`#resolution-${resolutionId}`);
    await section.getByRole('group', { name: `Din stemme om: ${title}` }).getByLabel(choice, { exact: true }).check();
    await section.getByRole('button', { name: 'Afgiv stemme' }).click();
    await page.getByText('Din stemme er registreret.').waitFor();
  }

  it('convenes, records attendance and disqualification, has resolutions voted under their items, writes each item’s minutes, and has the minutes signed and public with the votes', async () => {
    await inBrowser(browser, 'secretary-holds-a-meeting', {}, async (page, shots) => {
      const step = async (name: string) => {
        await expectAccessible(page, 'da');
        await shots.step(name);
      };
      /** A second member in a browser of their own, for what only they do. */
      async function asMember(who: string, run: (theirs: Page) => Promise<void>) {
        const context = await newContext(browser);
        try {
          const theirs = await context.newPage();
          const problems = watchPage(theirs);
          await signIn(theirs, who);
          await run(theirs);
          expect(problems.seen).toEqual([]);
        } finally {
          await context.close();
        }
      }

      // The secretary convenes the meeting: when, where, and three items.
      await signIn(page, secretary);
      expect(await page.getByRole('row', { name: /Medspiller: Ishøj Idrætsforening karen\.holm Sekretær/ }).count()).toBe(1);
      await page.getByRole('link', { name: 'Møder, beslutninger og referater' }).click();
      await heading(page, 'Møder');
      await page.getByLabel('Hvornår holdes mødet?').fill('2027-03-09T17:00');
      await page.getByLabel('Hvor holdes mødet?').fill('Huset, Ishøj Boulevard 10, mødelokale 2');
      await page.getByLabel('Punkter på dagsordenen').fill('Forretningsorden\nSamarbejdsaftale med Ishøj Erhvervsforening\nEventuelt');
      await step('convening a meeting with a place');
      await page.getByRole('button', { name: 'Indkald til mødet' }).click();
      await heading(page, 'Møde tirsdag 9. marts kl. 17.00');
      await page.getByText('Mødet er indkaldt.').waitFor();
      const meetingId = /moeder\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const meetingUrl = `${server.url}/bestyrelse/moeder/${meetingId}`;
      expect(await page.getByRole('row', { name: 'Sted Huset, Ishøj Boulevard 10, mødelokale 2' }).count()).toBe(1);
      for (const title of ['Punkt 1: Forretningsorden', 'Punkt 2: Samarbejdsaftale med Ishøj Erhvervsforening', 'Punkt 3: Eventuelt']) await page.getByRole('heading', { level: 3, name: title }).waitFor();

      // A document for item 2, attached from the meeting's page: first without a file, refused at the field.
      await page.getByRole('link', { name: 'Mødets bilag (0)' }).click();
      await heading(page, 'Bilag til mødet tirsdag 9. marts kl. 17.00');
      await page.getByLabel('Titel').fill(documentTitle);
      await page.getByLabel('Hører til').selectOption({ label: 'Punkt 2: Samarbejdsaftale med Ishøj Erhvervsforening' });
      await page.getByRole('group', { name: 'Skal bilaget være offentligt sammen med referatet?' }).getByLabel('Ja').check();
      await page.getByRole('button', { name: 'Vedhæft bilaget' }).click();
      await page.getByRole('link', { name: 'Vælg den fil, der skal vedhæftes.' }).waitFor();
      await step('a document refused without its file');
      await page.getByLabel('Fil').setInputFiles({ name: 'samarbejdsaftale.pdf', mimeType: 'application/pdf', buffer: documentBytes });
      await page.getByRole('button', { name: 'Vedhæft bilaget' }).click();
      await page.getByText(`Bilaget er vedhæftet. Dets SHA-256 er ${documentDigest}.`).waitFor();
      expect(await page.getByRole('row', { name: new RegExp(`^${documentTitle.replace(/[()]/g, '\\$&')} Punkt 2: .* Ja ${documentDigest}$`) }).count()).toBe(1);
      // And one for the board only.
      await page.getByLabel('Titel').fill('Tilbud fra leverandør');
      await page.getByRole('group', { name: 'Skal bilaget være offentligt sammen med referatet?' }).getByLabel('Nej, kun for bestyrelsen').check();
      await page.getByLabel('Fil').setInputFiles({ name: 'tilbud.txt', mimeType: 'text/plain', buffer: Buffer.from('Tilbud: 12.000 kr. om året.') });
      await page.getByRole('button', { name: 'Vedhæft bilaget' }).click();
      await page.getByText(/^Bilaget er vedhæftet/).waitFor();
      await step('the meeting’s documents');
      await page.getByRole('link', { name: 'Tilbage til mødet' }).first().click();
      await page.getByRole('link', { name: 'Mødets bilag (2)' }).waitFor();

      // The chair publishes the name the public may know her by.
      await asMember(chair, async (theirs) => {
        await theirs.getByRole('link', { name: 'Dit navn på bestyrelsens offentlige side' }).click();
        await theirs.getByText('Du har ikke offentliggjort et navn.').waitFor();
        await theirs.getByLabel('Navn').fill('Mette  Hansen ');
        await theirs.getByRole('button', { name: 'Offentliggør navnet' }).click();
        await theirs.getByText('Dit navn er offentliggjort.').waitFor();
        expect(await theirs.getByRole('row', { name: 'Offentliggjort navn Mette Hansen' }).count()).toBe(1);
        await expectAccessible(theirs, 'da');
        await theirs.screenshot({ path: `${shots.dir}/name-published.png`, fullPage: true });
      });

      // Attendance: all four.
      for (const who of [chair, leaving, recused, secretary]) await page.getByLabel(who).check();
      await page.getByRole('button', { name: 'Registrér fremmøde' }).click();
      await page.getByText('Fremmødet er registreret.').waitFor();
      await step('the meeting with attendance');

      // The partner's member declares themselves disqualified on item 2, about their own organisation.
      await asMember(recused, async (theirs) => {
        await theirs.goto(meetingUrl);
        const item2 = theirs.locator('#item-2');
        // A member who keeps no record declares only themselves.
        expect(await item2.getByRole('group', { name: /Hvem er inhabil/ }).count()).toBe(0);
        await item2.getByRole('button', { name: 'Jeg er inhabil i punkt 2' }).click();
        await theirs.getByText('Inhabiliteten er registreret.').waitFor();
        await theirs.locator('#item-2').getByText('Inhabil i punktet og deltog ikke i dets beslutninger: ali.yilmaz (Medspiller: Ishøj Erhvervsforening).').waitFor();
        expect(await theirs.locator('#item-1').getByText(/Inhabil i punktet/).count()).toBe(0);
        await expectAccessible(theirs, 'da');
        await theirs.screenshot({ path: `${shots.dir}/disqualified-on-item-2.png`, fullPage: true });
      });

      // Resolutions under items 1 and 2: the first chosen in the form, the second by the link under its item.
      await page.reload();
      const general = page.locator('#propose-general-form');
      await general.getByLabel('Under hvilket punkt på dagsordenen?').selectOption({ label: 'Punkt 1: Forretningsorden' });
      await general.getByLabel('Hvad skal bestyrelsen beslutte?').fill(rules);
      await general.getByRole('button', { name: 'Foreslå beslutningen' }).click();
      await page.getByText('Forslaget er sat til afstemning.').waitFor();
      await page.locator('#item-2').getByRole('link', { name: 'Foreslå en beslutning under punkt 2' }).click();
      await page.waitForURL((url) => url.searchParams.get('punkt') === '2');
      expect(await page.locator('#propose-general-form').getByLabel('Under hvilket punkt på dagsordenen?').inputValue()).toBe('2');
      await page.locator('#propose-general-form').getByLabel('Hvad skal bestyrelsen beslutte?').fill(agreement);
      await page.locator('#propose-general-form').getByRole('button', { name: 'Foreslå beslutningen' }).click();
      await page.getByText('Forslaget er sat til afstemning.').waitFor();
      const first = (await resolutionTitled(rules)).resolutionId as string;
      const second = (await resolutionTitled(agreement)).resolutionId as string;
      // Each under its own item.
      await page.locator('#item-1').locator(`#resolution-${first}`).waitFor();
      await page.locator('#item-2').locator(`#resolution-${second}`).waitFor();
      await step('resolutions under items 1 and 2');

      // The votes on item 1: the secretary here, the disqualified member in their browser (who is offered no vote on item 2), two through the API.
      await vote(page, first, rules, 'For');
      await asMember(recused, async (theirs) => {
        await theirs.goto(meetingUrl);
        await vote(theirs, first, rules, 'For');
        const onItem2 = theirs.locator(`#resolution-${second}`);
        expect(await onItem2.getByRole('group', { name: /Din stemme om/ }).count()).toBe(0);
        expect(await onItem2.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);
        await onItem2.getByText('Du er inhabil i punktet og stemmer ikke om dets beslutninger.').waitFor();
        await theirs.screenshot({ path: `${shots.dir}/no-vote-on-item-2.png`, fullPage: true });
      });
      await api(await member(leaving), 'POST', `/centres/${centreId}/board/resolutions/${first}/votes`, { choice: 'for' });
      await api(await member(chair), 'POST', `/centres/${centreId}/board/resolutions/${first}/votes`, { choice: 'against' });

      // Voting has begun: the citizen representative leaves, recorded by the secretary.
      await page.reload();
      const leaves = page.getByRole('group', { name: 'Hvem forlader mødet nu?' });
      await leaves.getByLabel(leaving, { exact: true }).check();
      await page.getByRole('button', { name: 'Registrér, at medlemmet gik' }).click();
      await page.getByText('Det er registreret, at medlemmet forlod mødet.').waitFor();
      expect(await page.getByRole('row', { name: /^Forlod mødet sofie\.jensen \(Borgerrepræsentant\), .* kl\. \d{1,2}\.\d{2}/ }).count()).toBe(1);
      await step('a member left after voting began');

      // Item 2 is voted among those still present and not disqualified; both are counted.
      await vote(page, second, agreement, 'For');
      await api(await member(chair), 'POST', `/centres/${centreId}/board/resolutions/${second}/votes`, { choice: 'for' });
      await page.reload();
      for (const [id, tally] of [
        [first, '3 for, 1 imod, 0 undlod at stemme.'],
        [second, '2 for, 0 imod, 0 undlod at stemme.'],
      ] as const) {
        await page.locator(`#resolution-${id}`).getByRole('button', { name: 'Gør afstemningen op' }).click();
        await page.getByText('Afstemningen er gjort op.').waitFor();
        await page.locator(`#resolution-${id}`).getByText(tally).waitFor();
      }
      // The chair, who voted against the rules of procedure, has her dissent minuted.
      await api(await member(chair), 'POST', `/centres/${centreId}/board/resolutions/${first}/dissent`);
      await page.reload();
      await page.locator(`#resolution-${first}`).getByText('Afvigende mening tilført referatet: mette.hansen.').waitFor();
      await step('both counted, the dissent minuted');

      // The minutes of each item: an empty decision refused on its field, then written.
      const minutesOf = (n: number) => page.locator(`#minutes-form-${n}`);
      /** The text an item's minutes show (not the form's field holding it). */
      const minuted = (n: number, text: string) => page.locator(`#item-${n} > p`).filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
      await minutesOf(3).getByRole('button', { name: 'Gem referatet af punkt 3' }).click();
      await page.getByRole('link', { name: 'Skriv, hvad bestyrelsen besluttede under punktet' }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('decision-3');
      await step('an item’s minutes refused without a decision');
      const minutes = [
        { n: 1, decision: 'Bestyrelsen vedtog sin forretningsorden. Hvert medlems stemme om en vedtaget beslutning er offentlig.', reasoning: 'Åbenhed om, hvordan bestyrelsen træffer sine beslutninger.' },
        { n: 2, decision: 'Samarbejdsaftalen med Ishøj Erhvervsforening fornyes for 2027.', reasoning: 'Aftalen har givet borgerne flere tilbud om praktik.' },
        { n: 3, decision: 'Intet under eventuelt.', reasoning: '' },
      ];
      for (const { n, decision, reasoning } of minutes) {
        await minutesOf(n).getByLabel('Beslutning', { exact: true }).fill(decision);
        if (reasoning) await minutesOf(n).getByLabel(/Kort begrundelse/).fill(reasoning);
        await minutesOf(n).getByRole('button', { name: `Gem referatet af punkt ${n}` }).click();
        await page.getByText('Referatet af punktet er gemt.').waitFor();
        await minuted(n, decision).waitFor();
      }
      // Recorded again, the later text stands.
      await minutesOf(3).getByLabel('Beslutning', { exact: true }).fill('Intet under eventuelt. Næste møde holdes i juni.');
      await minutesOf(3).getByRole('button', { name: 'Gem referatet af punkt 3' }).click();
      await page.getByText('Referatet af punktet er gemt.').waitFor();
      await minuted(3, 'Intet under eventuelt. Næste møde holdes i juni.').waitFor();
      expect(await minuted(3, 'Intet under eventuelt.').count()).toBe(0);
      await step('each item’s minutes written');

      // The chair records what the adopted rules of procedure say: first without naming the resolution, refused.
      await asMember(chair, async (theirs) => {
        await theirs.getByText('Offentligheden ser kun optællingen af stemmerne').waitFor();
        await theirs.getByRole('group', { name: 'Hvad siger forretningsordenen om stemmerne?' }).getByLabel('Hvordan hvert medlem stemte om en vedtaget beslutning, er offentligt').check();
        await theirs.getByRole('button', { name: 'Registrér forretningsordenens regel' }).click();
        await theirs.getByRole('link', { name: 'Vælg en beslutning, bestyrelsen har vedtaget' }).click();
        await expect.poll(() => theirs.evaluate('document.activeElement && document.activeElement.id')).toBe('publication-resolution');
        await expectAccessible(theirs, 'da');
        await theirs.screenshot({ path: `${shots.dir}/vote-publication-refused.png`, fullPage: true });
        await theirs.getByLabel('Hvilken vedtaget beslutning er forretningsordenen?').selectOption({ label: `${rules} (møde tirsdag 9. marts kl. 17.00)` });
        await theirs.getByRole('button', { name: 'Registrér forretningsordenens regel' }).click();
        await theirs.getByText('Det er registreret, hvad forretningsordenen siger om stemmerne.').waitFor();
        await theirs.getByText('Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte om en vedtaget beslutning.').waitFor();
        await theirs.screenshot({ path: `${shots.dir}/vote-publication-recorded.png`, fullPage: true });
      });
      // Only the chair is offered it.
      await page.goto(`${server.url}/bestyrelse`);
      expect(await page.getByRole('button', { name: 'Registrér forretningsordenens regel' }).count()).toBe(0);
      await page.getByText('Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte om en vedtaget beslutning.').waitFor();

      // The minutes signed by everyone who was present. The secretary's page, loaded before the first signature, still has the item's form: an edit is refused in words.
      await page.goto(meetingUrl);
      for (const who of [chair, recused, leaving]) await api(await member(who), 'POST', `/centres/${centreId}/board/meetings/${meetingId}/minutes/sign`);
      await minutesOf(1).getByLabel('Beslutning', { exact: true }).fill('Bestyrelsen vedtog sin forretningsorden.');
      await minutesOf(1).getByRole('button', { name: 'Gem referatet af punkt 1' }).click();
      await page.getByRole('link', { name: 'Referatet er underskrevet, så mødet kan ikke længere ændres.' }).waitFor();
      expect(await page.locator('#minutes-form-1').count()).toBe(0);
      await step('an edit after signing refused');
      await page.getByRole('button', { name: 'Underskriv referatet' }).click();
      await page.getByText('Du har underskrevet referatet.').first().waitFor();
      expect(await page.getByRole('row', { name: 'Referat Referatet er underskrevet' }).count()).toBe(1);
      await step('the minutes signed');

      // The board's own minutes, item by item.
      await page.getByRole('link', { name: 'Se mødets referat punkt for punkt' }).click();
      await heading(page, 'Referat af møde tirsdag 9. marts kl. 17.00');
      await page.getByRole('heading', { level: 2, name: 'Punkt 2: Samarbejdsaftale med Ishøj Erhvervsforening' }).waitFor();
      await step('the board’s minutes item by item');

      // What was recorded, through the API.
      const board = await boardView();
      expect(board.individualVotesPublic).toBe(true);
      const meeting = board.meetings.find((m: Json) => m.meetingId === meetingId);
      expect(meeting).toMatchObject({
        place: 'Huset, Ishøj Boulevard 10, mødelokale 2',
        agenda: ['Forretningsorden', 'Samarbejdsaftale med Ishøj Erhvervsforening', 'Eventuelt'],
        present: [chair, leaving, recused, secretary],
        recused: { '2': [recused] },
        minutes: 'signed',
        itemMinutes: {
          '1': { decision: minutes[0]!.decision, reasoning: minutes[0]!.reasoning },
          '2': { decision: minutes[1]!.decision, reasoning: minutes[1]!.reasoning },
          '3': { decision: 'Intet under eventuelt. Næste møde holdes i juni.', reasoning: null },
        },
      });
      expect(Object.keys(meeting.departed)).toEqual([leaving]);
      expect(board.resolutions.filter((r: Json) => r.meetingId === meetingId).map((r: Json) => [r.item, r.status, r.votes, r.dissents])).toEqual([
        [1, 'adopted', { [chair]: 'against', [leaving]: 'for', [recused]: 'for', [secretary]: 'for' }, [chair]],
        [2, 'adopted', { [chair]: 'for', [secretary]: 'for' }, []],
      ]);
    });

    // The public minutes: each item with its minutes, the disqualification, the departure, and — as the rules say — how each member voted.
    for (const lang of ['da', 'en'] as const) {
      await inBrowser(browser, `secretary-public-minutes-${lang}`, { locale: lang === 'da' ? 'da-DK' : 'en-GB' }, async (page, shots) => {
        await page.goto(`${server.url}/centre/${centreId}/referater`);
        await heading(page, `${lang === 'da' ? 'Bestyrelsens referater' : 'The board’s minutes'}: ${centreName}`);
        const da = lang === 'da';
        await page.getByRole('heading', { level: 3, name: da ? 'Punkt 2: Samarbejdsaftale med Ishøj Erhvervsforening' : 'Item 2: Samarbejdsaftale med Ishøj Erhvervsforening' }).waitFor();
        await page.getByText('Samarbejdsaftalen med Ishøj Erhvervsforening fornyes for 2027.', { exact: true }).waitFor();
        await page.getByText('Aftalen har givet borgerne flere tilbud om praktik.', { exact: true }).waitFor();
        // Members by the name they published, or else by their seat: never by an id.
        await page.getByText(da ? 'Inhabil i punktet og deltog ikke i dets beslutninger: Medspiller: Ishøj Erhvervsforening.' : 'Disqualified on the item, and took no part in its resolutions: Partner: Ishøj Erhvervsforening.').waitFor();
        expect(await page.getByRole('row', { name: da ? /^Forlod mødet Borgerrepræsentant, .* kl\. \d{1,2}\.\d{2}/ : /^Left the meeting Citizen representative, .* at \d{1,2}:\d{2}/ }).count()).toBe(1);
        for (const id of [recused, leaving, secretary, chair]) expect(await page.getByText(id).count()).toBe(0);
        await page.getByText(da ? 'Efter bestyrelsens forretningsorden er det offentligt, hvordan hvert medlem stemte' : 'Under the board’s rules of procedure, how each member voted on an adopted resolution is public').waitFor();
        const votes = page.getByRole('table', { name: `${da ? 'Stemmer om' : 'Votes on'}: ${rules}` });
        expect(await votes.getByRole('row', { name: da ? 'Mette Hansen (Medarbejderrepræsentant) Imod' : 'Mette Hansen (Employee representative) Against' }).count()).toBe(1);
        expect(await votes.getByRole('row', { name: da ? 'Medspiller: Ishøj Idrætsforening For' : 'Partner: Ishøj Idrætsforening For' }).count()).toBe(1);
        await page.getByText(da ? 'Afvigende mening tilført referatet: Mette Hansen (Medarbejderrepræsentant).' : 'Dissent recorded in the minutes: Mette Hansen (Employee representative).').waitFor();
        // The published document, with its digest; the board's own one not.
        const link = page.getByRole('link', { name: documentTitle });
        expect(await page.getByText('Tilbud fra leverandør').count()).toBe(0);
        const fetched = await fetch(new URL((await link.getAttribute('href'))!, server.url));
        expect(fetched.status).toBe(200);
        expect(Buffer.from(await fetched.arrayBuffer()).equals(documentBytes)).toBe(true);
        await page.getByText(documentDigest).waitFor();
        await page.getByText(da ? '3 for, 1 imod, 0 undlod at stemme.' : '3 for, 1 against, 0 abstained.').waitFor();
        await expectAccessible(page, lang);
        await shots.step('the public minutes');
      });
    }
  }, 180_000);
});
