import { Fragment, type ReactNode } from 'react';

/**
 * Draws a card's formatted text: the small HTML subset Google Calendar renders
 * (<b>, <i>, <u>, <font color>, <a href>, <br>). Anything else keeps only its text,
 * so even a builder bug could not run markup in the viewer.
 */
function draw(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (!(node instanceof Element)) return null;
  const children = Array.from(node.childNodes, (child, i) => draw(child, i));
  switch (node.tagName.toLowerCase()) {
    case 'b':
      return <strong key={key}>{children}</strong>;
    case 'i':
      return <em key={key}>{children}</em>;
    case 'u':
      return <u key={key}>{children}</u>;
    case 'br':
      return <br key={key} />;
    case 'font': {
      const color = node.getAttribute('color') ?? '';
      return /^#[0-9a-f]{3,6}$/i.test(color) ? <span key={key} style={{ color }}>{children}</span> : <Fragment key={key}>{children}</Fragment>;
    }
    case 'a': {
      const href = node.getAttribute('href') ?? '';
      return /^https?:\/\//.test(href) ? (
        <a key={key} href={href} target="_blank" rel="noreferrer">
          {children}
        </a>
      ) : (
        <Fragment key={key}>{children}</Fragment>
      );
    }
    default:
      return <Fragment key={key}>{children}</Fragment>;
  }
}

export function Formatted({ html }: { html: string }) {
  const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  return <>{Array.from(body.childNodes, (child, i) => draw(child, i))}</>;
}
