/** A phone number or an e-mail address, loosely: enough to reach someone, not a validation of either. */
export const isPhoneOrEmail = (text: string): boolean => /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(text.trim()) || /^\+?[\d\s()-]{9,20}$/.test(text.trim());
