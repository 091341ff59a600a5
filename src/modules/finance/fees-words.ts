import type { PricedFee } from './fees.ts';
import type { FeeTrigger } from './schema.ts';

/** What each fee is for, as an invoice line says it in English and Welsh (kept on the event, so an issued line never changes wording). */
export const FEE_WORDS: Record<FeeTrigger, { en: string; cy: string }> = {
  referral_accepted: { en: 'Recruitment and training (referral accepted)', cy: 'Recriwtio a hyfforddi (atgyfeiriad wedi’i dderbyn)' },
  match_approved: { en: 'Matching (match approved)', cy: 'Paru (paru wedi’i gymeradwyo)' },
  placement: { en: 'Therapeutic adoption support (placement)', cy: 'Cymorth mabwysiadu therapiwtig (lleoliad)' },
  adoption_order: { en: 'Adoption order', cy: 'Gorchymyn mabwysiadu' },
  support_year: { en: 'Adoption support (a further year)', cy: 'Cymorth mabwysiadu (blwyddyn arall)' },
  support_hours: { en: 'Adoption support beyond the agreement (hours)', cy: 'Cymorth mabwysiadu y tu hwnt i’r cytundeb (oriau)' },
};

/** The line's words: the step, and whether it is the inter-agency fee or a sibling rate. */
export function describeFee(trigger: FeeTrigger, priced: PricedFee): { en: string; cy: string } {
  if (priced.basis === 'inter_agency') {
    const sibling = priced.explanation.sibling;
    return {
      en: `Inter-agency fee${sibling ? ', sibling rate' : ''} (placement${priced.explanation.overCap ? ', beyond the agreement’s yearly cap' : ''})`,
      cy: `Ffi rhwng asiantaethau${sibling ? ', cyfradd brodyr a chwiorydd' : ''} (lleoliad${priced.explanation.overCap ? ', y tu hwnt i gap blynyddol y cytundeb' : ''})`,
    };
  }
  const words = FEE_WORDS[trigger];
  if (!priced.explanation.sibling) return words;
  return { en: `${words.en}, sibling rate`, cy: `${words.cy}, cyfradd brodyr a chwiorydd` };
}
