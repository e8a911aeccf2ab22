/**
 * The one place that talks to an OpenAI-compatible `/chat/completions` endpoint, with plain fetch.
 * Only called when OPENAI_BASE_URL and OPENAI_API_KEY are configured (see env.ts); callers pass only
 * the text they mean to send.
 */
export interface LlmConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export class LlmError extends Error {
  override name = 'LlmError';
}

/** Sends the messages and returns the first choice's text; throws LlmError on any failure. */
export async function completeChat(
  config: LlmConfig,
  messages: readonly ChatMessage[],
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<string> {
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.apiKey}` },
      body: JSON.stringify({ model: config.model, messages, temperature: 0 }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new LlmError(`The summary service could not be reached: ${(error as Error).message}`);
  }
  if (!response.ok) throw new LlmError(`The summary service answered HTTP ${response.status}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new LlmError('The summary service did not answer with JSON.');
  }
  const content = (body as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new LlmError('The summary service answered without a summary.');
  }
  return content.trim();
}
