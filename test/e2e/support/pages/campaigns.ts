import { plainPage } from './service-page.ts';

/** Recruitment campaigns, their costs, and the funnel with its charts. */
const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);

export const CampaignsPage = plainPage('campaigns', at('/campaigns'), 'campaigns:list.title');
// A campaign's heading is its name, as the agency named it.
// Its description and costs as typed.
export const CampaignPage = plainPage('campaign', at(`/campaigns/${ID}`), /\S/, [
  'h1',
  '[data-testid="campaign-details"] dd',
  '[data-testid="costs"] td:nth-child(2)',
]);
export const CampaignFormPage = plainPage(
  'campaign-form',
  at(`/campaigns/(new|${ID}/edit)`),
  ['campaigns:form.newTitle', 'campaigns:form.editTitle'],
  ['h1', 'textarea'],
);
export const FunnelPage = plainPage('funnel', at('/campaigns/funnel'), 'campaigns:funnel.title');
