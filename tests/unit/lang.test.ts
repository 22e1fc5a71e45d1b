import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../lib/lang';

// Our own sentences, written for these tests.
const SAMPLES: Record<string, string> = {
  en: 'The city council voted on Tuesday to expand the bus network, and the mayor said that the plan would be paid for by a new tax on parking. Critics of the plan were not convinced.',
  fr: 'Le conseil municipal a voté mardi pour étendre le réseau de bus, et le maire a dit que le plan serait financé par une nouvelle taxe sur le stationnement. Les critiques du plan ne sont pas convaincus.',
  de: 'Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern, und der Bürgermeister sagte, dass der Plan durch eine neue Parksteuer bezahlt werden soll. Die Kritiker sind nicht überzeugt.',
  es: 'El ayuntamiento votó el martes para ampliar la red de autobuses, y el alcalde dijo que el plan se pagará con un nuevo impuesto sobre el estacionamiento. Los críticos del plan no están convencidos.',
  pt: 'A câmara municipal votou na terça-feira para ampliar a rede de ônibus, e o prefeito disse que o plano será pago com um novo imposto sobre o estacionamento. Os críticos do plano não estão convencidos.',
  it: 'Il consiglio comunale ha votato martedì per ampliare la rete degli autobus, e il sindaco ha detto che il piano sarà pagato con una nuova tassa sui parcheggi. I critici del piano non sono convinti.',
};

describe('detectLanguage', () => {
  for (const [lang, text] of Object.entries(SAMPLES)) {
    it(`recognises ${lang}`, () => {
      expect(detectLanguage(text)).toEqual({ lang, english: lang === 'en' });
    });
  }

  it('treats text too short to judge as English', () => {
    expect(detectLanguage('RC-135')).toEqual({ lang: 'und', english: true });
    expect(detectLanguage('')).toEqual({ lang: 'und', english: true });
  });

  it('keeps English that quotes a foreign phrase English', () => {
    const text = `${SAMPLES.en} As the French say, "le plan est mort", but the council went ahead with the vote anyway and it passed.`;
    expect(detectLanguage(text).english).toBe(true);
  });

  it('rules out English for non-Latin scripts', () => {
    expect(detectLanguage('Городской совет во вторник проголосовал за расширение автобусной сети.')).toEqual({
      lang: 'ru',
      english: false,
    });
    expect(detectLanguage('市议会星期二投票决定扩大公交网络，市长说该计划将由新的停车税支付。').english).toBe(
      false,
    );
  });

  it('looks only at a sample of huge text', () => {
    const huge = `${SAMPLES.fr} `.repeat(30_000);
    expect(detectLanguage(huge)).toEqual({ lang: 'fr', english: false });
  });
});
