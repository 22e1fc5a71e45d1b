import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import '../../components/panel.css';

const tab = new URLSearchParams(location.search).get('tab');

render(
  <PopupApp fixedTabId={tab !== null && Number.isInteger(Number(tab)) ? Number(tab) : undefined} />,
  document.getElementById('app') as HTMLElement,
);
