import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import '../../components/panel.css';

render(<PopupApp />, document.getElementById('app') as HTMLElement);
