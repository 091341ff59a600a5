/** The five answers of the agency's own satisfaction statements (families, local authorities, workers). */
export const AGREE = [
  { value: 1, label: { en: 'Strongly disagree', cy: 'Anghytuno’n gryf' } },
  { value: 2, label: { en: 'Disagree', cy: 'Anghytuno' } },
  { value: 3, label: { en: 'Neither agree nor disagree', cy: 'Ddim yn cytuno nac yn anghytuno' } },
  { value: 4, label: { en: 'Agree', cy: 'Cytuno' } },
  { value: 5, label: { en: 'Strongly agree', cy: 'Cytuno’n gryf' } },
];
