import { Type } from '@sinclair/typebox';

const Day = Type.Object(
  { day: Type.String({ maxLength: 40, description: 'YYYY-MM-DD (Beijing calendar); anything else is named as invalid_date with the other entries' }), note: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])) },
  { additionalProperties: false },
);
export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const CalendarYearBody = Type.Object(
  { holidays: Type.Array(Day, { maxItems: 60 }), workdays: Type.Array(Day, { maxItems: 30 }) },
  { additionalProperties: false, description: 'the whole year: what is not listed is an ordinary day (weekends off)' },
);
const DayView = Type.Object({ day: Type.String(), note: Type.Union([Type.Null(), Type.String()]) });
export const CalendarYearView = Type.Object({ year: Type.Integer(), holidays: Type.Array(DayView), workdays: Type.Array(DayView) });
