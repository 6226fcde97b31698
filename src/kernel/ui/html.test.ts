import { describe, expect, it } from 'vitest';
import { linkCell } from './html.ts';

describe('linkCell', () => {
  it('escapes the text and the address, so a name cannot inject markup', () => {
    expect(linkCell('/people/1?a=1&b="2"', `<script>alert('x')</script> & co`)).toEqual({
      html: '<a class="govuk-link" href="/people/1?a=1&#38;b=&#34;2&#34;">&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; co</a>',
    });
  });
});
