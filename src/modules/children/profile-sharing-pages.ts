import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { formErrors, list, type Form } from '../../platform/forms/forms.ts';
import { formRoute, idParams } from '../../platform/forms/form-route.ts';
import { dateInWales } from '../../platform/dates/dates.ts';
import { childName, CHILDREN_FORM, longDate } from './page-helpers.ts';

/**
 * The child's worker shows the child's profile, anonymised, to the agency's approved families (or
 * stops): one choice, off until chosen, with when and by whom; when the child may not be shown,
 * the page says why instead of offering it.
 */
export function profileSharingRoutes(services: Services) {
  const children = services.children;

  async function sharingPage(call: Call, id: string, shown?: Form, errors: FieldError[] = [], status = 200) {
    const t = call.t;
    const { child } = await children.getChild(call.ctx, id);
    const sharing = await children.profileSharing(call.ctx, id);
    const checked = shown ? list(shown, 'show').includes('yes') : Boolean(sharing.shared);
    return call.render(
      'children/views/profile-sharing.njk',
      {
        pageTitle: t('children:profileSharing.title'),
        caption: childName(child),
        childId: id,
        version: sharing.version,
        checked,
        shared: sharing.shared && {
          text: t('children:profileSharing.sharedSince', {
            date: longDate(dateInWales(sharing.shared.at), call.language),
            name: sharing.shared.byName ?? t('children:profileSharing.someone'),
          }),
        },
        refusals: sharing.refusals.map((r) => t(`children:profileSharing.refusals.${r}`)),
        together: sharing.unitSize > 1 ? t('children:profileSharing.together') : null,
        ...formErrors(errors, t, CHILDREN_FORM),
      },
      status,
    );
  }

  return [
    route({
      method: 'GET',
      url: '/children/:id/profile-sharing',
      kind: 'page',
      action: 'children.shareProfile',
      summary: 'Form: show the child’s profile, anonymised, to the agency’s approved families',
      params: idParams,
      handler: async (call) => sharingPage(call, call.params.id),
    }),
    formRoute({
      url: '/children/:id/profile-sharing',
      action: 'children.shareProfile',
      summary: 'Show the child’s profile to approved families, or stop showing it (at once)',
      parse: (form) => list(form, 'show').includes('yes'),
      save: (call, show, version) => children.shareProfile(call.ctx, call.params.id, show, version),
      view: (call, shown, errors, status) => sharingPage(call, call.params.id, shown, errors, status),
      done: (_call, { value }) => ({ to: `/children/${_call.params.id}`, flash: value ? 'children:profileSharing.shown' : 'children:profileSharing.hidden' }),
    }),
  ];
}
