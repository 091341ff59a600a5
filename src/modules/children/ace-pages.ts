import { route, type Call } from '../../server/route.ts';
import type { Form } from '../../platform/forms/forms.ts';
import type { Services } from '../../server/services.ts';
import { toFieldErrors } from '../../platform/http/validation.ts';
import { ValidationError, type FieldError } from '../../platform/http/errors.ts';
import { can } from '../../platform/policy/policy.ts';
import { escapeHtml } from '../../platform/format/format.ts';
import { choices, dateField, dateParts, formErrors } from '../../platform/forms/forms.ts';
import { formRoute, idParams, versionOf } from '../../platform/forms/form-route.ts';
import { ACE_STATUSES, type AceEntry } from './aces.ts';
import { acesInput } from './inputs.ts';
import { childName, longDate, CHILDREN_FORM } from './page-helpers.ts';

type Aces = Awaited<ReturnType<Services['children']['getAces']>>;

/** The address of a child's ACE record (read) and of the form that changes it. */
const recordUrl = (id: string) => `/children/${id}/aces`;
const changeUrl = (id: string) => `/children/${id}/aces/change`;
/** A save from a form that carried no version (only at the form's former address): nothing to be stale against. */
const ANY_VERSION = -1;

/**
 * A child's ACE record as two pages, as GOV.UK advises for a record read far more often than changed:
 * the record (a summary list of every category, recorded or not, with its source and date) and the
 * form that changes it. The form used to live at the record's own address, so a post there still saves.
 */
export function aceRoutes(services: Services) {
  const children = services.children;

  /** The standard ten, then the agency's own (a retired one only where the child has it), named in the reader's language. */
  function groupsOf(call: Call, aces: Aces) {
    const t = call.t;
    const extendedName = (c: { nameEn: string; nameCy: string }) => (call.language === 'cy' ? c.nameCy : c.nameEn);
    return [
      { id: 'standard', title: t('children:aces.standard'), categories: aces.standard.map((code) => ({ code, label: t(`children:vocabulary.ace.${code}`) })) },
      ...(aces.extended.length
        ? [
            {
              id: 'extended',
              title: t('children:aces.extended'),
              categories: aces.extended.map((c) => ({
                code: c.code,
                label: c.active ? extendedName(c) : t('children:aces.retired', { name: extendedName(c) }),
              })),
            },
          ]
        : []),
    ];
  }

  /** One category's row: what is recorded (or that nothing is), where it came from and when. */
  function summaryRow(call: Call, id: string, code: string, label: string, entry: AceEntry | undefined, mayChange: boolean) {
    const t = call.t;
    const lines = [
      `<span data-testid="ace-status">${escapeHtml(entry ? t(`children:vocabulary.aceStatus.${entry.status}`) : t('children:aces.summary.notRecorded'))}</span>`,
      ...(entry?.source ? [escapeHtml(t('children:aces.summary.source', { source: entry.source }))] : []),
      ...(entry?.recordedOn ? [escapeHtml(t('children:aces.summary.recordedOn', { date: longDate(entry.recordedOn, call.language) }))] : []),
    ];
    return {
      // GOV.UK's summary list takes no attributes per row: the key carries the row's test id.
      key: { html: `<span data-testid="ace-row-${code}">${escapeHtml(label)}</span>` },
      value: { html: lines.join('<br>') },
      ...(mayChange
        ? { actions: { items: [{ href: `${changeUrl(id)}#status-${code}`, text: t('children:aces.summary.change'), visuallyHiddenText: label }] } }
        : {}),
    };
  }

  async function recordPage(call: Call, id: string) {
    const t = call.t;
    const [record, aces] = [await children.getChild(call.ctx, id), await children.getAces(call.ctx, id)];
    const recorded = new Map(aces.entries.map((e) => [e.category, e]));
    const mayChange = can(call.actor, 'aces.edit');
    const groups = groupsOf(call, aces).map((g) => ({
      ...g,
      rows: g.categories.map((c) => summaryRow(call, id, c.code, c.label, recorded.get(c.code), mayChange)),
    }));
    return call.render('children/views/aces.njk', {
      pageTitle: t('children:aces.title'),
      childName: childName(record.child),
      childId: id,
      counts: aces.counts,
      changeHref: mayChange ? changeUrl(id) : undefined,
      groups,
      contents: groups.map((g) => ({ href: `#aces-${g.id}`, text: g.title })),
    });
  }

  /**
   * The form: what is recorded (`values` undefined: a first showing, or after someone else saved
   * first), or what was typed. The hidden version is the one the person started from.
   */
  async function changePage(call: Call, id: string, values?: Record<string, unknown>, errors: FieldError[] = [], status?: number) {
    const t = call.t;
    const [record, aces] = [await children.getChild(call.ctx, id), await children.getAces(call.ctx, id)];
    const shown: Record<string, unknown> = values ?? { version: aces.version };
    // A form posted without its version (left open before versions were asked) starts again from the record's.
    if (shown.version === undefined || shown.version === '') shown.version = aces.version;
    if (!values) {
      for (const e of aces.entries) {
        Object.assign(shown, {
          [`status-${e.category}`]: e.status,
          [`source-${e.category}`]: e.source ?? '',
          ...dateParts(`recordedOn-${e.category}`, e.recordedOn),
        });
      }
    }
    const groups = groupsOf(call, aces).map((g) => ({
      ...g,
      categories: g.categories.map((c) => ({ ...c, statusItems: choices(ACE_STATUSES, 'children:vocabulary.aceStatus', t, shown[`status-${c.code}`]) })),
    }));
    return call.render(
      'children/views/aces-change.njk',
      {
        pageTitle: t('children:aces.change.title'),
        childName: childName(record.child),
        childId: id,
        counts: aces.counts,
        values: shown,
        groups,
        contents: groups.map((g) => ({ href: `#aces-${g.id}`, text: g.title })),
        ...formErrors(errors, t, CHILDREN_FORM),
      },
      status ?? (errors.length ? 400 : 200),
    );
  }

  /** The form's entries (a category left unanswered is not recorded), each mistake at its own box. */
  function entriesOf(form: Form) {
    const codes = Object.keys(form)
      .filter((k) => k.startsWith('status-'))
      .map((k) => k.slice('status-'.length));
    const errors: FieldError[] = [];
    const entries = codes
      .filter((code) => form[`status-${code}`])
      .map((code) => {
        const recordedOn = dateField(form, `recordedOn-${code}`, errors);
        return { category: code, status: form[`status-${code}`], source: form[`source-${code}`], recordedOn };
      });
    const result = acesInput.safeParse({ entries });
    if (!result.success)
      for (const e of toFieldErrors(result.error))
        errors.push({ ...e, field: e.field.replace(/^entries\.(\d+)\.(\w+)$/, (_, i, f) => `${f}-${entries[Number(i)]?.category ?? ''}`) });
    if (errors.length || !result.success) throw new ValidationError(errors);
    return result.data.entries;
  }

  /**
   * Saves the whole record on the version the form was read at, then shows the record. Someone
   * else's save in between is kept: the form comes back with the record as it is now (409).
   */
  const save = (url: string, summary: string, versionRequired = true) =>
    formRoute({
      url,
      action: 'aces.edit',
      summary,
      firstVersion: 0,
      // The form's former address takes a page left open from before forms carried a version, as it was.
      readVersion: versionRequired ? undefined : (form) => (form.version === undefined || form.version === '' ? ANY_VERSION : versionOf(form, 0)),
      parse: (form) => entriesOf(form),
      save: (call, entries, version) => children.putAces(call.ctx, call.params.id, entries, version === ANY_VERSION ? undefined : version),
      view: (call, shown, errors, status) => changePage(call, call.params.id, shown, errors, status),
      done: (call) => ({ to: recordUrl(call.params.id), flash: 'children:aces.saved' }),
    });

  return [
    route({
      method: 'GET',
      url: '/children/:id/aces',
      kind: 'page',
      action: 'aces.view',
      summary: 'The child’s ACE record: every category, recorded or not, with its source and date',
      params: idParams,
      handler: async (call) => recordPage(call, call.params.id),
    }),
    route({
      method: 'GET',
      url: '/children/:id/aces/change',
      kind: 'page',
      action: 'aces.edit',
      summary: 'Form: change the child’s ACE record',
      params: idParams,
      handler: async (call) => changePage(call, call.params.id),
    }),
    save('/children/:id/aces/change', 'Save the child’s ACE record'),
    // Where the form posted before the record had a page of its own (a page left open, a bookmark).
    save('/children/:id/aces', 'Save the child’s ACE record (the form’s former address)', false),
  ];
}
