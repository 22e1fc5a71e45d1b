import { render } from 'preact';
import { SidePanelApp } from '../../components/SidePanelApp';
import '../../components/panel.css';

const params = new URLSearchParams(location.search);
const tab = Number(params.get('tab'));
if (params.has('tab')) document.documentElement.classList.add('in-tab');

render(
  <SidePanelApp
    fixedTabId={params.has('tab') && Number.isInteger(tab) ? tab : undefined}
    initialPassage={params.get('passage')}
  />,
  document.getElementById('app') as HTMLElement,
);
