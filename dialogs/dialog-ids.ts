/** Dialog ids are persisted in conversation state: renaming one strands conversations mid-dialog. */
export const DialogId = {
  root: 'root',
  retentionConcern: 'retentionConcern',
  allegationSupport: 'allegationSupport',
  trainingBooking: 'trainingBooking',
  transportReport: 'transportReport',
  mentorRequest: 'mentorRequest',
  feedback: 'feedback',
  enquiry: 'enquiry',
  enquiryForget: 'enquiryForget',
  handoff: 'handoff',
  contactDetails: 'contactDetails',
} as const;
