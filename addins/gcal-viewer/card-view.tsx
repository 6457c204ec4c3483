import {
  Button as FluentButton,
  Checkbox,
  Divider,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Formatted } from './formatted.tsx';
import type { Button, Card, OnClick, Widget } from './replies.ts';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHeader: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  decorated: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  label: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export type FormValues = Record<string, string[]>;

interface Props {
  card: Card;
  values: FormValues;
  onChange(name: string, values: string[]): void;
  onClick(onClick: OnClick): void;
  busy: boolean;
}

function CardButton({ button, onClick, busy, primary }: { button: Button; onClick: Props['onClick']; busy: boolean; primary: boolean }) {
  if ('openLink' in button.onClick) {
    return (
      <a href={button.onClick.openLink.url} target="_blank" rel="noreferrer">
        {button.text}
      </a>
    );
  }
  const click = button.onClick;
  return (
    <FluentButton appearance={primary ? 'primary' : 'secondary'} disabled={busy || button.disabled === true} onClick={() => onClick(click)}>
      {button.text}
    </FluentButton>
  );
}

function WidgetView({ widget, props }: { widget: Widget; props: Props }) {
  const styles = useStyles();
  const { values, onChange, onClick, busy } = props;
  if ('textParagraph' in widget) return <Text as="p"><Formatted html={widget.textParagraph.text} /></Text>;
  if ('decoratedText' in widget) {
    const { topLabel, text, bottomLabel, button } = widget.decoratedText;
    return (
      <div className={styles.decorated}>
        {topLabel === undefined ? null : <span className={styles.label}>{topLabel}</span>}
        <Text><Formatted html={text} /></Text>
        {bottomLabel === undefined ? null : <span className={styles.label}>{bottomLabel}</span>}
        {button === undefined ? null : <div><CardButton button={button} onClick={onClick} busy={busy} primary={false} /></div>}
      </div>
    );
  }
  if ('textInput' in widget) {
    const input = widget.textInput;
    const value = values[input.name]?.[0] ?? '';
    const change = (next: string) => onChange(input.name, [next]);
    return (
      <Field label={input.label} hint={input.hintText}>
        {input.type === 'MULTIPLE_LINE' ? (
          <Textarea value={value} resize="vertical" onChange={(_, data) => change(data.value)} />
        ) : (
          <Input value={value} onChange={(_, data) => change(data.value)} />
        )}
      </Field>
    );
  }
  if ('selectionInput' in widget) {
    const input = widget.selectionInput;
    const chosen = values[input.name] ?? [];
    if (input.type === 'RADIO_BUTTON') {
      return (
        <Field label={input.label}>
          <RadioGroup value={chosen[0] ?? ''} onChange={(_, data) => onChange(input.name, [data.value])}>
            {input.items.map((item) => <Radio key={item.value} value={item.value} label={item.text} />)}
          </RadioGroup>
        </Field>
      );
    }
    if (input.type === 'DROPDOWN') {
      const selected = input.items.find((item) => item.value === chosen[0]);
      return (
        <Field label={input.label}>
          <Dropdown value={selected?.text ?? ''} selectedOptions={chosen} onOptionSelect={(_, data) => onChange(input.name, data.optionValue === undefined ? [] : [data.optionValue])}>
            {input.items.map((item) => <Option key={item.value} value={item.value}>{item.text}</Option>)}
          </Dropdown>
        </Field>
      );
    }
    const toggle = (value: string, on: boolean) => onChange(input.name, on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value));
    return (
      <Field label={input.label}>
        <div role="group" aria-label={input.label}>
          {input.items.map((item) =>
            input.type === 'SWITCH' ? (
              <Switch key={item.value} label={item.text} checked={chosen.includes(item.value)} onChange={(_, data) => toggle(item.value, data.checked)} />
            ) : (
              <Checkbox key={item.value} label={item.text} checked={chosen.includes(item.value)} onChange={(_, data) => toggle(item.value, data.checked === true)} />
            ),
          )}
        </div>
      </Field>
    );
  }
  if ('buttonList' in widget) {
    return (
      <div className={styles.buttons}>
        {widget.buttonList.buttons.map((button, i) => <CardButton key={`${button.text}-${i}`} button={button} onClick={onClick} busy={busy} primary={i === 0} />)}
      </div>
    );
  }
  return <Divider />;
}

/** The form values a card starts with: what its inputs hold or have selected. */
export function initialValues(card: Card): FormValues {
  const values: FormValues = {};
  for (const section of card.sections) {
    for (const widget of section.widgets) {
      if ('textInput' in widget) values[widget.textInput.name] = widget.textInput.value === undefined ? [] : [widget.textInput.value];
      if ('selectionInput' in widget) values[widget.selectionInput.name] = widget.selectionInput.items.filter((item) => item.selected).map((item) => item.value);
    }
  }
  return values;
}

/** One add-on card, drawn as Google Calendar's side panel would. */
export function CardView(props: Props) {
  const styles = useStyles();
  const { card } = props;
  return (
    <article className={styles.card} aria-label={card.header.title}>
      <header className={styles.header}>
        <h2 className={styles.title}>{card.header.title}</h2>
        {card.header.subtitle === undefined ? null : <span className={styles.label}>{card.header.subtitle}</span>}
      </header>
      {card.sections.map((section, i) => (
        <section key={i} className={styles.section}>
          {section.header === undefined ? null : <h3 className={styles.sectionHeader}><Formatted html={section.header} /></h3>}
          {section.widgets.map((widget, j) => <WidgetView key={j} widget={widget} props={props} />)}
        </section>
      ))}
    </article>
  );
}
